/**
 * The parts of a URL as `java.net.URI` reads them (RFC 2396), which ksqlDB's URL functions use:
 * an illegal character or a bad `%` escape is a syntax error; an opaque URI (`mailto:x`) has no
 * path or query; an authority that is not `[user@]host[:port]` has no host or port; path, query and
 * fragment are returned decoded (UTF-8), scheme and host as written.
 */

export interface JavaUri {
  scheme: string | null;
  host: string | null;
  /** -1 when absent, as Java's getPort(). */
  port: number;
  path: string | null;
  query: string | null;
  fragment: string | null;
}

const ILLEGAL = /[\x00-\x20\x7F"<>\\^`{|}]|%(?![0-9a-fA-F]{2})/;
const SHAPE = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const HOSTNAME = new RegExp(`^(?:${LABEL}\\.)*[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\\.?$`);
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function fail(url: string, why: string): never {
  throw new Error(`URL input has invalid syntax: ${url} (${why})`);
}

/** Java's `[userinfo@]host[:port]`, or no host when the authority is registry-based. */
function serverAuthority(authority: string): { host: string | null; port: number } {
  const none = { host: null, port: -1 };
  const at = authority.lastIndexOf('@');
  const hostPort = authority.slice(at + 1);
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (m === null) return none;
  const host = m[1]!;
  if (!host.startsWith('[') && !IPV4.test(host) && !HOSTNAME.test(host)) return none;
  if (m[2] === undefined || m[2] === '') return { host, port: -1 };
  const port = Number(m[2]);
  return port > 2147483647 ? none : { host, port };
}

/** Decodes `%XX` runs as UTF-8 (invalid sequences become U+FFFD). */
export function decodePercent(s: string): string {
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
  );
}

/** Parses a URL, throwing ksqlDB's "URL input has invalid syntax" when java.net.URI would refuse it. */
export function parseJavaUri(url: string): JavaUri {
  const bad = ILLEGAL.exec(url);
  if (bad !== null) fail(url, `illegal character at index ${bad.index}`);
  const m = SHAPE.exec(url)!;
  const [, scheme, authority, rawPath, rawQuery, rawFragment] = m;
  if (rawFragment?.includes('#')) fail(url, 'illegal character in fragment');
  if (scheme !== undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(scheme)) fail(url, 'illegal scheme name');
  if (url.startsWith(':')) fail(url, 'expected scheme name');
  const fragment = rawFragment === undefined ? null : decodePercent(rawFragment);
  const opaque = scheme !== undefined && !url.slice(scheme.length + 1).startsWith('/');
  if (opaque) {
    if (url.length === scheme.length + 1) fail(url, 'expected scheme-specific part');
    return { scheme, host: null, port: -1, path: null, query: null, fragment };
  }
  const { host, port } = authority === undefined ? { host: null, port: -1 } : serverAuthority(authority);
  if (/[[\]]/.test(`${rawPath}${rawQuery ?? ''}${rawFragment ?? ''}`)) fail(url, 'illegal character');
  return {
    scheme: scheme ?? null,
    host,
    port,
    path: decodePercent(rawPath ?? ''),
    query: rawQuery === undefined ? null : decodePercent(rawQuery),
    fragment,
  };
}
