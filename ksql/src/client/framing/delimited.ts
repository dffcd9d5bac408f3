import { createColumnListDecoder } from './column-list-elements.js';
import type { QueryDecoder } from './events.js';
import { createLineSplitter } from './lines.js';

/**
 * `application/vnd.ksqlapi.delimited.v1`: a header object line, then one JSON array per row, and
 * possibly a bare error object line. No final message; tombstones are never sent in this format.
 */
export function createDelimitedDecoder(): QueryDecoder {
  return createColumnListDecoder(createLineSplitter(), 'delimited');
}
