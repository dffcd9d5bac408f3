import { parseLossless } from '../../json/lossless.js';
import {
  headerFromColumnLists,
  isErrorObject,
  type QueryDecoder,
  type QueryEvent,
  streamError,
} from './events.js';
import { createLineSplitter } from './lines.js';

/**
 * `application/vnd.ksqlapi.delimited.v1`: a header object line, then one JSON array per row, and
 * possibly a bare error object line. No final message; tombstones are never sent in this format.
 */
export function createDelimitedDecoder(): QueryDecoder {
  const lines = createLineSplitter();
  let sawHeader = false;
  const decode = (line: string): QueryEvent => {
    const value = parseLossless(line);
    if (Array.isArray(value)) return { kind: 'row', raw: value, tombstone: false };
    if (isErrorObject(value)) return streamError(value);
    if (!sawHeader && value !== null && typeof value === 'object') {
      sawHeader = true;
      return headerFromColumnLists(value as Record<string, unknown>);
    }
    return streamError({ error_code: 50000, message: `Unexpected line in delimited response: ${line}` });
  };
  return {
    push: (chunk) => lines.push(chunk).map(decode),
    end: () => lines.end().map(decode),
  };
}
