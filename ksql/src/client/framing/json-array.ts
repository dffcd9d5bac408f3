import { createColumnListDecoder, type ElementSplitter } from './column-list-elements.js';
import type { QueryDecoder } from './events.js';

/**
 * `application/json` on /query-stream: one JSON array `[{header},[row],[row]]` written incrementally
 * without newlines. Elements are cut at top-level commas by a scanner that tracks strings and
 * nesting across chunks.
 */
export function createJsonArrayDecoder(): QueryDecoder {
  return createColumnListDecoder(createArrayElementSplitter(), 'JSON');
}

/**
 * Cuts the text of a top-level JSON array into the texts of its elements, chunk by chunk. An
 * object or array element is emitted as soon as its closing bracket arrives.
 */
export function createArrayElementSplitter(): ElementSplitter {
  let depth = 0; // 0 = outside the array, 1 = between elements
  let inString = false;
  let escaped = false;
  let current = '';
  const out: string[] = [];
  const flush = () => {
    const text = current.trim();
    if (text !== '') out.push(text);
    current = '';
  };
  return {
    push(chunk) {
      for (const c of chunk) {
        if (depth === 0) {
          if (c === '[') depth = 1;
          continue;
        }
        if (inString) {
          current += c;
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (depth === 1 && (c === ',' || c === ']')) {
          flush();
          if (c === ']') depth = 0;
          continue;
        }
        current += c;
        if (c === '"') inString = true;
        else if (c === '[' || c === '{') depth++;
        else if (c === ']' || c === '}') {
          depth--;
          // The element is complete: hand it over now, not when the next separator arrives
          // (servers write the separator *before* each row, so it may come much later).
          if (depth === 1) flush();
        }
      }
      return out.splice(0);
    },
    end() {
      flush();
      return out.splice(0);
    },
  };
}
