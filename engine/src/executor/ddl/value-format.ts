/**
 * Whether a value format can carry the value columns, with ksqlDB's messages: KAFKA holds one
 * column of INT, BIGINT, DOUBLE, STRING or BYTES; DELIMITED no STRUCT, ARRAY or MAP;
 * WRAP_SINGLE_VALUE is only for a single value column.
 */
import { type Column, KsqlTypeError } from '../../analyzer/index.js';
import { printType } from '../../syntax/index.js';

const KAFKA_VALUE_TYPES = ['STRING', 'INTEGER', 'BIGINT', 'DOUBLE', 'BYTES'];
const STRUCTURED = ['STRUCT', 'ARRAY', 'MAP'];

/** Checks the value columns (header columns are not in the value) against the value format. */
export function valueFormatCheck(
  valueFormat: string,
  columns: readonly Column[],
  wrapSingleValue: string | number | boolean | undefined,
): void {
  const values = columns.filter((c) => c.namespace === 'VALUE');
  if (wrapSingleValue !== undefined && values.length > 1)
    throw new KsqlTypeError("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
  if (valueFormat === 'KAFKA') {
    if (values.length > 1)
      throw new KsqlTypeError(
        `The 'KAFKA' format only supports a single field. Got: [${values.map((c) => `\`${c.name}\` ${printType(c.type)}`).join(', ')}]`,
      );
    for (const c of values)
      if (!KAFKA_VALUE_TYPES.includes(c.type.kind))
        throw new KsqlTypeError(`The 'KAFKA' format does not support type '${c.type.kind}'`);
  }
  if (valueFormat === 'DELIMITED') {
    for (const c of values)
      if (STRUCTURED.includes(c.type.kind))
        throw new KsqlTypeError(`The 'DELIMITED' format does not support type '${c.type.kind}'`);
  }
}

/** ksqlDB's type of a HEADERS column: every header as a key and its bytes. */
const HEADERS_TYPE = 'ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>';

/** A HEADERS column is ARRAY<STRUCT<KEY STRING, VALUE BYTES>>, a HEADER('k') column BYTES. */
export function headerColumnCheck(c: Column): void {
  if (c.namespace !== 'HEADER') return;
  const t = printType(c.type);
  if (c.headerKey === undefined && t !== HEADERS_TYPE)
    throw new KsqlTypeError(`Invalid type for HEADERS column: expected ${HEADERS_TYPE}, got ${t}`);
  if (c.headerKey !== undefined && c.type.kind !== 'BYTES')
    throw new KsqlTypeError(`Invalid type for HEADER('${c.headerKey}') column: expected BYTES, got ${t}`);
}
