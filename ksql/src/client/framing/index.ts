import type { QueryFormat } from '../types.js';
import { createDelimitedDecoder } from './delimited.js';
import type { QueryDecoder } from './events.js';
import { createJsonArrayDecoder } from './json-array.js';
import { createV1Decoder } from './v1.js';

export { decodeRow, type QueryDecoder, type QueryEvent } from './events.js';

/** The Accept header that asks /query-stream for each format. */
export const acceptHeader: Record<QueryFormat, string> = {
  delimited: 'application/vnd.ksqlapi.delimited.v1',
  json: 'application/json',
  v1: 'application/vnd.ksql.v1+json',
};

/** A fresh decoder for one response in the given format. */
export function createDecoder(format: QueryFormat): QueryDecoder {
  if (format === 'json') return createJsonArrayDecoder();
  if (format === 'v1') return createV1Decoder();
  return createDelimitedDecoder();
}
