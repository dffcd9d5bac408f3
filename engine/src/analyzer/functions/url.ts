/** URL functions (ksqlDB's function reference, "URL"): the parts of a URL, and form-encoding. */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { type JavaUri, parseJavaUri } from './java-uri.js';

/** Guava's form-parameter escaper: letters, digits and `-_.*` kept, space as `+`, the rest %XX of UTF-8. */
function encodeParam(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/[a-zA-Z0-9\-_.*]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Java's `URLDecoder.decode(s, UTF-8)`: `+` is a space, `%XX` runs are UTF-8; a bad escape fails. */
function decodeParam(s: string): string {
  const bad = /%(?![0-9a-fA-F]{2})/.exec(s);
  if (bad !== null)
    throw new Error(
      bad.index + 3 > s.length
        ? 'URLDecoder: Incomplete trailing escape (%) pattern'
        : 'URLDecoder: Illegal hex characters in escape (%) pattern',
    );
  return s
    .replace(/\+/g, ' ')
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** URL_EXTRACT_PARAMETER: the value of the first `name` or `name=value` in the (decoded) query. */
function extractParameter(url: string, name: string): string | null {
  const query = parseJavaUri(url).query;
  if (query === null) return null;
  for (const param of query.split('&')) {
    const eq = param.indexOf('=');
    if (eq < 0 && param === name) return '';
    if (eq >= 0 && param.slice(0, eq) === name) return param.slice(eq + 1);
  }
  return null;
}

function part(
  name: string,
  what: string,
  get: (u: JavaUri) => unknown,
  returns = 'STRING',
): ScalarFunctionSpec {
  return scalar(
    name,
    'URL',
    `Extracts the ${what} of an application/x-www-form-urlencoded encoded String input.`,
    [{ params: ['STRING input'], returns, impl: ([u]) => get(parseJavaUri(u as string)) ?? null }],
  );
}

export const urlFunctions: ScalarFunctionSpec[] = [
  scalar(
    'url_encode_param',
    'URL',
    'Returns a version of the input with all URL sensitive characters encoded using the application/x-www-form-urlencoded standard.',
    [{ params: ['STRING input'], returns: 'STRING', impl: ([s]) => encodeParam(s as string) }],
  ),
  scalar('url_decode_param', 'URL', 'Decodes a previously encoded application/x-www-form-urlencoded String', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => decodeParam(s as string) },
  ]),
  scalar(
    'url_extract_parameter',
    'URL',
    'Extracts a parameter with a specified name encoded inside an application/x-www-form-urlencoded String.',
    [
      {
        params: ['STRING input', 'STRING paramToFind'],
        returns: 'STRING',
        impl: ([u, p]) => extractParameter(u as string, p as string),
      },
    ],
  ),
  part('url_extract_fragment', 'fragment', (u) => u.fragment),
  part('url_extract_host', 'host', (u) => u.host),
  part('url_extract_path', 'path', (u) => u.path),
  part('url_extract_port', 'port', (u) => (u.port < 0 ? null : u.port), 'INT'),
  part('url_extract_protocol', 'protocol', (u) => u.scheme),
  part('url_extract_query', 'query', (u) => u.query),
];
