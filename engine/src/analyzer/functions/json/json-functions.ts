/**
 * JSON functions (ksqlDB's function reference, "JSON functions"). They read JSON text as
 * Jackson's tree does (`json-node.ts`): malformed text is an error (a null result and a
 * processing-log entry) where ksqlDB's function throws, and false / null where it checks.
 */
import type { SqlType } from '../../types.js';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import {
  isJsonSyntaxError,
  type JsonNode,
  JsonNumber,
  jsonArrayItems,
  parseJson,
  tryParseJson,
  writeJson,
} from './json-node.js';
import { followPath, tokenizePath } from './json-path.js';
import { toJsonString } from './to-json-string.js';

/** The top-level object of the text, or null when it is blank or not an object. */
function objectOf(text: string): Map<string, JsonNode> | null {
  const n = parseJson(text);
  return n instanceof Map ? n : null;
}

/**
 * JSON_ARRAY_CONTAINS' match: a JSON item matches a SQL value of the same JSON kind that is equal
 * to it — integers only INT / BIGINT values, fractions only DOUBLE values, never DECIMAL.
 */
function jsonMatches(n: JsonNode, v: unknown, kind: SqlType['kind']): boolean {
  if (n === null || v === null) return n === v;
  if (n instanceof JsonNumber) {
    if (n.integral)
      return (kind === 'INTEGER' || kind === 'BIGINT') && BigInt(v as number | bigint) === n.unscaled;
    return kind === 'DOUBLE' && Number(n.toString()) === v;
  }
  return (typeof n === 'string' || typeof n === 'boolean') && n === v;
}

/** EXTRACTJSONFIELD with the last path's tokens kept per call site (ksqlDB caches them too). */
function extractJsonField(): (args: unknown[]) => unknown {
  let lastPath: string | undefined;
  let tokens: string[] = [];
  return ([input, path]) => {
    if (path !== lastPath) {
      tokens = tokenizePath(path as string);
      lastPath = path as string;
    }
    const n = followPath(parseJson(input as string), tokens);
    if (n === undefined) return null;
    return typeof n === 'string' ? n : writeJson(n);
  };
}

/** ksqlDB's JSON functions, for the registry. */
export const jsonFunctions: ScalarFunctionSpec[] = [
  {
    ...scalar('extractjsonfield', 'JSON', 'Extracts the value at a JSONPath from JSON text, or null.', [
      {
        params: ['STRING input', 'STRING path'],
        returns: 'STRING',
        impl: (args) => extractJsonField()(args),
      },
    ]),
    instance: () => {
      const f = extractJsonField();
      return (args) => f(args);
    },
  },
  scalar('IS_JSON_STRING', 'JSON', 'Returns true if the text is a valid JSON value.', [
    {
      params: ['STRING input'],
      returns: 'BOOLEAN',
      nullTolerant: true,
      impl: ([s]) => s !== null && tryParseJson(s as string) !== undefined,
    },
  ]),
  scalar('JSON_ARRAY_CONTAINS', 'JSON', 'Returns true if the JSON array text contains the value.', [
    {
      params: ['STRING jsonArray', 'T val'],
      returns: 'BOOLEAN',
      nullTolerant: true,
      impl: ([s, v], call) => {
        if (s === null) return null;
        const kind = call.types[1]!.kind;
        try {
          for (const item of jsonArrayItems(s as string)) if (jsonMatches(item, v, kind)) return true;
        } catch (e) {
          if (!isJsonSyntaxError(e)) throw e;
        }
        return false;
      },
    },
  ]),
  scalar('JSON_ARRAY_LENGTH', 'JSON', 'Returns the length of the top-level JSON array, or null.', [
    {
      params: ['STRING jsonArray'],
      returns: 'INT',
      impl: ([s]) => {
        const n = parseJson(s as string);
        return Array.isArray(n) ? n.length : null;
      },
    },
  ]),
  scalar(
    'JSON_CONCAT',
    'JSON',
    'Merges JSON objects, or concatenates JSON arrays (other values become one-element arrays).',
    [
      {
        params: ['...STRING jsonStrings'],
        returns: 'STRING',
        nullTolerant: true,
        impl: (args) => {
          const nodes: JsonNode[] = [];
          for (const a of args) {
            if (a === null) return null;
            const n = parseJson(a as string);
            if (n === undefined) return null;
            nodes.push(n);
          }
          if (nodes.length === 0) throw new Error('JSON_CONCAT needs at least one argument');
          if (nodes.every((n) => n instanceof Map)) {
            const out = new Map<string, JsonNode>();
            for (const n of nodes as Map<string, JsonNode>[]) for (const [k, v] of n) out.set(k, v);
            return writeJson(out, true);
          }
          return writeJson(
            nodes.flatMap((n) => (Array.isArray(n) ? n : [n])),
            true,
          );
        },
      },
    ],
  ),
  scalar(
    'JSON_ITEMS',
    'JSON',
    'Returns the objects of a JSON array as JSON texts; null if an item is not an object.',
    [
      {
        params: ['STRING jsonItems'],
        returns: 'ARRAY<STRING>',
        impl: ([s]) => {
          const n = parseJson(s as string);
          if (!Array.isArray(n)) throw new Error(`Invalid JSON format:${s}`);
          return n.every((x) => x instanceof Map) ? n.map((x) => writeJson(x)) : null;
        },
      },
    ],
  ),
  scalar('JSON_KEYS', 'JSON', 'Returns the top-level keys of a JSON object, or null.', [
    {
      params: ['STRING jsonObj'],
      returns: 'ARRAY<STRING>',
      impl: ([s]) => {
        const o = objectOf(s as string);
        return o === null ? null : [...o.keys()];
      },
    },
  ]),
  scalar(
    'JSON_RECORDS',
    'JSON',
    'Returns the top-level entries of a JSON object as a map of JSON texts, or null.',
    [
      {
        params: ['STRING jsonObj'],
        returns: 'MAP<STRING, STRING>',
        impl: ([s]) => {
          const o = objectOf(s as string);
          return o === null
            ? null
            : new Map([...o].map(([k, v]) => [k, typeof v === 'string' ? v : writeJson(v)]));
        },
      },
    ],
  ),
  scalar('TO_JSON_STRING', 'JSON', 'Returns the JSON text of any value.', [
    {
      params: ['T input'],
      returns: 'STRING',
      nullTolerant: true,
      impl: ([v], call) => toJsonString(v, call.types[0]!),
    },
  ]),
];
