/**
 * EXTRACTJSONFIELD's JSONPath, as ksqlDB's tokenizer reads it: `$` then any of `.name`,
 * `["name"]` (`\"` and `\\` escaped) and `[index]`. A `.name` runs to the next `.` or `[`
 * (`$.@type` works); a bare subscript is letters, digits and `_` (`[-1]` is refused). Wildcards,
 * filters, single quotes and recursive descent are not JSONPath ksqlDB supports.
 */
import type { JsonNode } from './json-node.js';

const SUBSCRIPT = /^[\p{L}\p{N}_]+$/u;

/** The path's steps (names and indexes, as text). Throws `Invalid JSON path: '<path>'`. */
export function tokenizePath(path: string): string[] {
  const fail = (): never => {
    throw new Error(`Invalid JSON path: '${path}'`);
  };
  if (!path.startsWith('$')) fail();
  const tokens: string[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i + 1) fail();
      tokens.push(path.slice(i + 1, j));
      i = j;
    } else if (path[i] === '[' && path[i + 1] === '"') {
      let token = '';
      let j = i + 2;
      for (; j < path.length && path[j] !== '"'; j++) {
        if (path[j] === '\\') {
          j++;
          if (path[j] !== '"' && path[j] !== '\\') fail();
        }
        token += path[j];
      }
      if (path[j] !== '"' || path[j + 1] !== ']') fail();
      tokens.push(token);
      i = j + 2;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      const token = close < 0 ? '' : path.slice(i + 1, close);
      if (!SUBSCRIPT.test(token)) fail();
      tokens.push(token);
      i = close + 1;
    } else fail();
  }
  return tokens;
}

/** Follows the steps from a node: an index into an array, a name into an object; else no node. */
export function followPath(node: JsonNode | undefined, tokens: readonly string[]): JsonNode | undefined {
  let n = node;
  for (const t of tokens) {
    if (Array.isArray(n)) {
      if (!/^[-+]?\d+$/.test(t)) return undefined;
      n = n[Number(t)];
    } else if (n instanceof Map) n = n.get(t);
    else return undefined;
    if (n === undefined) return undefined;
  }
  return n;
}
