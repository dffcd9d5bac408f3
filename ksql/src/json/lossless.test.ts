import { describe, expect, it } from 'vitest';
import { parseKsqlType, parseSchemaString } from './ksql-type.js';
import { parseLossless, stringifyLossless, toKsqlValue } from './lossless.js';

const decode = (json: string, type?: string) =>
  toKsqlValue(parseLossless(json), type === undefined ? undefined : parseKsqlType(type));

describe('lossless numbers', () => {
  it('keeps integers within 2^53 as numbers and larger ones as bigint', () => {
    expect(decode('9007199254740991', 'BIGINT')).toBe(9007199254740991);
    expect(decode('9007199254740993', 'BIGINT')).toBe(9007199254740993n);
    expect(decode('-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('keeps DECIMAL as text with its scale and DOUBLE as a number', () => {
    expect(decode('12.30', 'DECIMAL(4, 2)')).toBe('12.30');
    expect(decode('10.0', 'DOUBLE')).toBe(10);
    expect(decode('1.0E7', 'DOUBLE')).toBe(1e7);
    expect(decode('1.5')).toBe(1.5);
  });

  it('decodes nested types field by field', () => {
    const type = 'STRUCT<`PRICE` DECIMAL(5, 2), `IDS` ARRAY<BIGINT>, `M` MAP<STRING, DECIMAL(3, 1)>>';
    expect(decode('{"PRICE":1.50,"IDS":[1,18014398509481985],"M":{"a":2.0}}', type)).toEqual({
      PRICE: '1.50',
      IDS: [1, 18014398509481985n],
      M: { a: '2.0' },
    });
  });

  it('writes bigint exactly', () => {
    expect(stringifyLossless({ n: 18014398509481985n, s: 'x' })).toBe('{"n":18014398509481985,"s":"x"}');
  });
});

describe('schema strings', () => {
  it('parses v1 header schemas with KEY markers and nested commas', () => {
    const columns = parseSchemaString(
      '`ID` STRING KEY, `WINDOWSTART` BIGINT KEY, `ADDR` STRUCT<`STREET` STRING, `ZIP` DECIMAL(5, 0)>, `V` BIGINT',
    );
    expect(columns.map((c) => [c.name, c.typeText, c.key])).toEqual([
      ['ID', 'STRING', true],
      ['WINDOWSTART', 'BIGINT', true],
      ['ADDR', 'STRUCT<`STREET` STRING, `ZIP` DECIMAL(5, 0)>', false],
      ['V', 'BIGINT', false],
    ]);
    expect(columns[2]!.type).toEqual({
      kind: 'STRUCT',
      fields: [
        { name: 'STREET', type: { kind: 'SCALAR', name: 'STRING' } },
        { name: 'ZIP', type: { kind: 'DECIMAL', precision: 5, scale: 0 } },
      ],
    });
  });
});
