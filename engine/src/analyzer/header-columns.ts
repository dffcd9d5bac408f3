/**
 * Header columns: `HEADERS` (all of a record's headers, ARRAY<STRUCT<KEY STRING, VALUE BYTES>> in
 * record order) and `HEADER('k')` (the last value of header `k`, BYTES). They are read from the
 * record, never written: INSERT VALUES and INSERT INTO a source with header columns are refused.
 */
import { printType } from '../syntax/index.js';
import type { Column } from './source.js';
import { KsqlTypeError } from './type-error.js';
import { type SqlType, T, typeEquals } from './types.js';
import { newStruct, type Struct } from './values.js';

/** The type of a HEADERS column. */
export const HEADERS_TYPE: SqlType = {
  kind: 'ARRAY',
  item: {
    kind: 'STRUCT',
    fields: [
      { name: 'KEY', type: T.STRING },
      { name: 'VALUE', type: T.BYTES },
    ],
  },
};

/** Refuses a header column of the wrong type, with ksqlDB's message. */
export function checkHeaderColumnType(c: Column): void {
  if (c.namespace !== 'HEADER') return;
  if (c.headerKey === undefined) {
    if (!typeEquals(c.type, HEADERS_TYPE))
      throw new KsqlTypeError(
        `Invalid type for HEADERS column: expected ${printType(HEADERS_TYPE)}, got ${printType(c.type)}`,
      );
  } else if (c.type.kind !== 'BYTES') {
    throw new KsqlTypeError(
      `Invalid type for HEADER('${c.headerKey}') column: expected BYTES, got ${printType(c.type)}`,
    );
  }
}

/** A record header (key and value, which may be null). */
export interface HeaderEntry {
  key: string;
  value: Buffer | null;
}

/** A record's headers (in record order) as the value of a header column. */
export function headerColumnValue(c: Column, headers: readonly HeaderEntry[] | undefined): unknown {
  const list = headers ?? [];
  if (c.headerKey !== undefined) return list.findLast((h) => h.key === c.headerKey)?.value ?? null;
  return list.map((h): Struct => {
    const s = newStruct();
    s['KEY'] = h.key;
    s['VALUE'] = h.value;
    return s;
  });
}

export function headerColumns(s: { columns: Column[] }): Column[] {
  return s.columns.filter((c) => c.namespace === 'HEADER');
}
