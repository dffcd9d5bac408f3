import { describe, expect, it } from 'vitest';
import { type Column, Decimal, newStruct, type SqlType, T } from '../../analyzer/index.js';
import { createProtobufCodec } from './protobuf.js';

const col = (name: string, type: SqlType): Column => ({ name, type, namespace: 'VALUE' });
const primitives = [
  col('I', T.INTEGER),
  col('L', T.BIGINT),
  col('D', T.DOUBLE),
  col('B', T.BOOLEAN),
  col('S', T.STRING),
];

describe('PROTOBUF_NOSR rows', () => {
  it('write plain protobuf: one field per column, numbered in column order', () => {
    // field 1 varint 150 = 08 96 01 (the protobuf documentation's example)
    expect(
      createProtobufCodec([col('A', T.INTEGER)])
        .encode([150])
        .toString('hex'),
    ).toBe('089601');
    expect(
      createProtobufCodec([col('A', T.STRING), col('B', T.STRING)])
        .encode([null, 'x'])
        .toString('hex'),
    ).toBe('120178');
  });

  it('read nulls back as proto3 defaults without a nullable representation', () => {
    const codec = createProtobufCodec(primitives);
    expect(codec.decode(codec.encode([null, null, null, null, null]))).toEqual([0, 0n, 0, false, '']);
  });

  it('keep nulls with OPTIONAL and WRAPPER, and zero values as values', () => {
    for (const nullable of ['OPTIONAL', 'WRAPPER'] as const) {
      const codec = createProtobufCodec(primitives, nullable);
      expect(codec.decode(codec.encode([null, 0n, null, false, null]))).toEqual([
        null,
        0n,
        null,
        false,
        null,
      ]);
      expect(codec.decode(codec.encode([0, null, 0, null, '']))).toEqual([0, null, 0, null, '']);
    }
  });

  it('carry BIGINT beyond 2^53, DECIMAL with its scale, BYTES, DATE, TIME and TIMESTAMP exactly', () => {
    const cols = [
      col('L', T.BIGINT),
      col('DEC', { kind: 'DECIMAL', precision: 6, scale: 4 }),
      col('NEG', { kind: 'DECIMAL', precision: 5, scale: 2 }),
      col('BY', T.BYTES),
      col('DA', T.DATE),
      col('TI', T.TIME),
      col('TS', T.TIMESTAMP),
    ];
    const codec = createProtobufCodec(cols);
    const row = [
      9223372036854775807n,
      Decimal.parse('10.0000'),
      Decimal.parse('-128.50'),
      Buffer.from('variations'),
      -10,
      33_360_123,
      1_655_164_800_123,
    ];
    const back = codec.decode(codec.encode(row));
    expect(back[0]).toBe(9223372036854775807n);
    expect(String(back[1])).toBe('10.0000');
    expect(String(back[2])).toBe('-128.50');
    expect(back.slice(3)).toEqual(row.slice(3));
  });

  it('nests structs, repeats arrays and maps STRING keys only', () => {
    const s: SqlType = { kind: 'STRUCT', fields: [{ name: 'F1', type: T.STRING }] };
    const cols = [
      col('S', s),
      col('A', { kind: 'ARRAY', item: T.INTEGER }),
      col('M', { kind: 'MAP', key: T.STRING, value: T.BIGINT }),
    ];
    const codec = createProtobufCodec(cols);
    const struct = newStruct();
    struct['F1'] = 'bar';
    expect(codec.decode(codec.encode([struct, [1, 2], new Map([['k', 3n]])]))).toEqual([
      struct,
      [1, 2],
      new Map([['k', 3n]]),
    ]);
    expect(() => createProtobufCodec([col('M', { kind: 'MAP', key: T.INTEGER, value: T.INTEGER })])).toThrow(
      'PROTOBUF format only supports MAP types with STRING keys',
    );
  });

  it('reports bytes that are not a message of the schema as a deserialization error', () => {
    expect(() => createProtobufCodec(primitives).decode(Buffer.from([0x0a, 0xff]))).toThrow(/PROTOBUF_NOSR/);
  });
});
