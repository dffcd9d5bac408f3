import { describe, expect, it } from 'vitest';
import { type Column, T } from '../../analyzer/index.js';
import type { ExecContext } from '../context.js';
import { valueFormatCheck, wrapSingleValue } from './value-format.js';

const col = (name: string, type: Column['type']): Column => ({ name, type, namespace: 'VALUE' });
const ctx = (props: Record<string, string> = {}) => ({ props }) as unknown as ExecContext;

describe('value formats', () => {
  it('KAFKA carries one primitive column', () => {
    expect(() => valueFormatCheck('KAFKA', [col('V0', T.INTEGER), col('V1', T.STRING)])).toThrow(
      "The 'KAFKA' format only supports a single field. Got: [`V0` INTEGER, `V1` STRING]",
    );
    expect(() => valueFormatCheck('KAFKA', [col('V0', T.BOOLEAN)])).toThrow(
      "The 'KAFKA' format does not support type 'BOOLEAN'",
    );
    expect(() => valueFormatCheck('KAFKA', [col('V0', T.BIGINT)])).not.toThrow();
  });

  it('DELIMITED refuses STRUCT, ARRAY and MAP, naming the column', () => {
    expect(() => valueFormatCheck('DELIMITED', [col('A', { kind: 'ARRAY', item: T.STRING })])).toThrow(
      "The 'DELIMITED' format does not support type 'ARRAY', column: `A`",
    );
    expect(() => valueFormatCheck('DELIMITED', [col('B', T.BOOLEAN), col('C', T.DOUBLE)])).not.toThrow();
    expect(() =>
      valueFormatCheck('JSON', [col('M', { kind: 'MAP', key: T.STRING, value: T.INTEGER })]),
    ).not.toThrow();
  });

  it('WRAP_SINGLE_VALUE: only for one value column; the session config applies to single columns', () => {
    expect(() => wrapSingleValue({ WRAP_SINGLE_VALUE: true }, ctx(), {}, 2)).toThrow(
      "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas",
    );
    expect(wrapSingleValue({ WRAP_SINGLE_VALUE: 'false' }, ctx(), {}, 1)).toBe(false);
    expect(wrapSingleValue({}, ctx({ 'ksql.persistence.wrap.single.values': 'false' }), {}, 1)).toBe(false);
    expect(wrapSingleValue({}, ctx(), { 'ksql.persistence.wrap.single.values': 'false' }, 2)).toBeUndefined();
    expect(wrapSingleValue({}, ctx(), {}, 1)).toBeUndefined();
  });
});
