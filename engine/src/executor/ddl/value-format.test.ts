import { describe, expect, it } from 'vitest';
import type { Column } from '../../analyzer/index.js';
import { parseType } from '../../syntax/index.js';
import { headerColumnCheck, valueFormatCheck } from './value-format.js';

const col = (
  name: string,
  type: string,
  namespace: Column['namespace'] = 'VALUE',
  headerKey?: string,
): Column => {
  const c: Column = { name, type: parseType(type), namespace };
  if (headerKey !== undefined) c.headerKey = headerKey;
  return c;
};
const error = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('value formats carry only what they can', () => {
  it.each<[string, Column[], boolean | undefined, string]>([
    ['KAFKA', [col('V', 'BIGINT')], undefined, 'no error'],
    [
      'KAFKA',
      [col('K', 'STRING', 'KEY'), col('V', 'BYTES'), col('H', 'BYTES', 'HEADER', 'h')],
      undefined,
      'no error',
    ],
    [
      'KAFKA',
      [col('V0', 'INT'), col('V1', 'STRING')],
      undefined,
      "The 'KAFKA' format only supports a single field. Got: [`V0` INTEGER, `V1` STRING]",
    ],
    ['KAFKA', [col('V0', 'BOOLEAN')], undefined, "The 'KAFKA' format does not support type 'BOOLEAN'"],
    ['KAFKA', [col('V0', 'ARRAY<INT>')], undefined, "The 'KAFKA' format does not support type 'ARRAY'"],
    [
      'DELIMITED',
      [col('V0', 'MAP<STRING, INT>')],
      undefined,
      "The 'DELIMITED' format does not support type 'MAP'",
    ],
    ['DELIMITED', [col('V0', 'BOOLEAN'), col('V1', 'DECIMAL(4, 2)')], undefined, 'no error'],
    ['JSON', [col('V0', 'STRUCT<A INT>'), col('V1', 'INT')], undefined, 'no error'],
    [
      'JSON',
      [col('V0', 'INT'), col('V1', 'INT')],
      false,
      "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas",
    ],
    ['JSON', [col('K', 'INT', 'KEY'), col('V1', 'INT')], true, 'no error'],
  ])('%s %j wrap=%s: %s', (format, columns, wrap, message) => {
    expect(error(() => valueFormatCheck(format, columns, wrap))).toBe(message);
  });

  it.each<[Column, string]>([
    [col('H', 'ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>', 'HEADER'), 'no error'],
    [
      col('H', 'BYTES', 'HEADER'),
      'Invalid type for HEADERS column: expected ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>, got BYTES',
    ],
    [col('H', 'BYTES', 'HEADER', 'k'), 'no error'],
    [col('H', 'INT', 'HEADER', 'key'), "Invalid type for HEADER('key') column: expected BYTES, got INTEGER"],
  ])('header column %j: %s', (c, message) => {
    expect(error(() => headerColumnCheck(c))).toBe(message);
  });
});
