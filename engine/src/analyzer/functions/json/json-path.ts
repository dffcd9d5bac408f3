/**
 * EXTRACTJSONFIELD's JSONPath, as ksqlDB's tokenizer reads it: `$` then any of `.name`,
 * `['name']` / `["name"]` and `[index]`. A name is any text up to the next `.` or `[`
 * (`$.@type` works). Wildcards, filters and recursive descent are not JSONPath ksqlDB supports.
 */
import { type JsonNode, JsonNumber } from './json-node.js';

/** The path's steps (names and indexes, as text). Throws on a path ksqlDB rejects. */
export function tokenizePath(path: string): string[] {
  const fail = (): never => {
    throw new Error(`Invalid JsonPath: ${path}`);
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
    } else if (path[i] === '[') {
      const q = path[i + 1];
      if (q === "'" || q === '"') {
        const close = path.indexOf(`${q}]`, i + 2);
        if (close < 0) fail();
        tokens.push(path.slice(i + 2, close));
        i = close + 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) fail();
        tokens.push(path.slice(i + 1, close).trim());
        i = close + 1;
      }
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

export { JsonNumber };
