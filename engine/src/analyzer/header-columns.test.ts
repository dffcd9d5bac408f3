import { describe, expect, it } from 'vitest';
import { checkHeaderColumnType, HEADERS_TYPE, headerColumnValue } from './header-columns.js';
import type { Column } from './source.js';
import { T } from './types.js';

const all: Column = { name: 'H', type: HEADERS_TYPE, namespace: 'HEADER' };
const one: Column = { name: 'H1', type: T.BYTES, namespace: 'HEADER', headerKey: 'abc' };
const b = (s: string) => Buffer.from(s);
const headers = [
  { key: 'abc', value: b('1') },
  { key: 'def', value: null },
  { key: 'abc', value: b('2') },
];

describe('header columns', () => {
  it('HEADERS holds every header in record order, repeats and nulls included', () => {
    expect(headerColumnValue(all, headers)).toEqual([
      { KEY: 'abc', VALUE: b('1') },
      { KEY: 'def', VALUE: null },
      { KEY: 'abc', VALUE: b('2') },
    ]);
    expect(headerColumnValue(all, undefined)).toEqual([]);
  });

  it("HEADER('k') is the last value of header k, null when absent", () => {
    expect(headerColumnValue(one, headers)).toEqual(b('2'));
    expect(headerColumnValue({ ...one, headerKey: 'def' }, headers)).toBeNull();
    expect(headerColumnValue({ ...one, headerKey: 'xyz' }, headers)).toBeNull();
  });

  it('refuses header columns of the wrong type with ksqlDB messages', () => {
    expect(() => checkHeaderColumnType({ ...all, type: T.BYTES })).toThrow(
      'Invalid type for HEADERS column: expected ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>, got BYTES',
    );
    expect(() => checkHeaderColumnType({ ...one, type: T.INTEGER, headerKey: 'key' })).toThrow(
      "Invalid type for HEADER('key') column: expected BYTES, got INTEGER",
    );
    expect(() => checkHeaderColumnType(all)).not.toThrow();
  });
});
