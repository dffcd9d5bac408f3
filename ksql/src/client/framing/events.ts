import { errorFromEnvelope, type KsqlClientError } from '../../errors.js';
import { type KsqlType, parseKsqlType, parseSchemaString } from '../../json/ksql-type.js';
import { toKsqlValue } from '../../json/lossless.js';
import type { KsqlRow, QueryHeader } from '../types.js';

/** What a query response decoder yields, whatever the wire format. */
export type QueryEvent =
  | { kind: 'header'; header: QueryHeader; types: KsqlType[] }
  | { kind: 'row'; raw: unknown[]; tombstone: boolean }
  | { kind: 'final'; message: string }
  | { kind: 'error'; error: KsqlClientError };

/** A decoder of one response framing: feed text chunks, collect events; `end()` flushes. */
export interface QueryDecoder {
  push(chunk: string): QueryEvent[];
  end(): QueryEvent[];
}

/** Header of the delimited and `application/json` formats: `{queryId, columnNames, columnTypes}`. */
export function headerFromColumnLists(value: Record<string, unknown>): QueryEvent {
  const names = (value['columnNames'] as string[] | undefined) ?? [];
  const typeTexts = (value['columnTypes'] as string[] | undefined) ?? [];
  const types = typeTexts.map(parseKsqlType);
  const queryId = typeof value['queryId'] === 'string' ? value['queryId'] : undefined;
  return {
    kind: 'header',
    header: {
      queryId,
      columns: names.map((name, i) => ({ name, type: typeTexts[i] ?? 'STRING', key: false })),
    },
    types,
  };
}

/** Header of the v1 format: `{queryId, schema: "`A` STRING KEY, ..."}`. */
export function headerFromSchema(value: Record<string, unknown>): QueryEvent {
  const columns = parseSchemaString(String(value['schema'] ?? ''));
  const queryId = typeof value['queryId'] === 'string' ? value['queryId'] : undefined;
  return {
    kind: 'header',
    header: { queryId, columns: columns.map((c) => ({ name: c.name, type: c.typeText, key: c.key })) },
    types: columns.map((c) => c.type),
  };
}

/** An error object written after the header (the response status was already 200). */
export function streamError(value: unknown): QueryEvent {
  return { kind: 'error', error: errorFromEnvelope(500, value) };
}

/** True for an error envelope (`{"@type":"generic_error","error_code":...}`). */
export function isErrorObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'error_code' in value;
}

/** Decodes a raw row with the header's column types (lossless numbers, DECIMAL as text). */
export function decodeRow(raw: unknown[], types: KsqlType[]): KsqlRow {
  return raw.map((value, i) => toKsqlValue(value, types[i]));
}
