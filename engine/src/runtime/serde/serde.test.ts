import { describe, expect, it } from 'vitest';
import { Decimal } from '../../analyzer/index.js';
import { createKeySerde, createValueSerde } from './formats.js';
import { javaDouble } from './java-double.js';
import { renderRow } from './json-text.js';

const S = { kind: 'STRING' } as const;
const I = { kind: 'INTEGER' } as const;

describe('serde', () => {
  it('renders doubles like Java', () => {
    expect([10, 0.5, 1e7, 1.5e-4, 123456.789, -2].map(javaDouble)).toEqual([
      '10.0',
      '0.5',
      '1.0E7',
      '1.5E-4',
      '123456.789',
      '-2.0',
    ]);
  });

  it('writes BYTES as base64 in JSON and DELIMITED values, JSON keys and REST rows, and reads it back', () => {
    const B = { kind: 'BYTES' } as const;
    const cols = [
      { name: 'B', type: B, namespace: 'VALUE' as const },
      { name: 'A', type: { kind: 'ARRAY', item: B } as const, namespace: 'VALUE' as const },
    ];
    const bytes = Buffer.from('abc\u00ff', 'latin1');
    const json = createValueSerde('JSON', cols);
    const written = json.serialize([bytes, [bytes]])!;
    expect(written.toString()).toBe('{"B":"YWJj/w==","A":["YWJj/w=="]}');
    expect(json.deserialize(written)).toEqual([bytes, [bytes]]);
    const delimited = createValueSerde('DELIMITED', [cols[0]!]);
    expect(delimited.serialize([bytes])!.toString()).toBe('YWJj/w==');
    expect(delimited.deserialize(Buffer.from('YWJj/w=='))).toEqual([bytes]);
    expect(createKeySerde('JSON', [cols[0]!], undefined).serialize([bytes])!.toString()).toBe('"YWJj/w=="');
    expect(renderRow([bytes], [B])).toBe('["YWJj/w=="]');
  });

  it('renders REST rows losslessly (BIGINT beyond 2^53, DECIMAL with scale)', () => {
    expect(
      renderRow(
        [2n ** 60n, new Decimal(1230n, 2), 3],
        [{ kind: 'BIGINT' }, { kind: 'DECIMAL', precision: 4, scale: 2 }, { kind: 'DOUBLE' }],
      ),
    ).toBe('[1152921504606846976,12.30,3.0]');
  });

  it('writes KAFKA keys as raw bytes and windowed keys with the window start', () => {
    const key = createKeySerde('KAFKA', [{ name: 'K', type: I, namespace: 'KEY' }], undefined);
    expect(key.serialize([1])?.toString('hex')).toBe('00000001');
    const windowed = createKeySerde('KAFKA', [{ name: 'K', type: S, namespace: 'KEY' }], {
      type: 'TUMBLING',
      size: 60_000,
    });
    const bytes = windowed.serialize(['c1'], { start: 60_000, end: 120_000 })!;
    expect(bytes.toString('hex')).toBe('6331000000000000ea60');
    expect(windowed.deserialize(bytes)).toEqual({ key: ['c1'], window: { start: 60_000, end: 120_000 } });
  });

  it('writes multi-column JSON keys as an object and single ones unwrapped', () => {
    const cols = [
      { name: 'A', type: S, namespace: 'KEY' as const },
      { name: 'B', type: I, namespace: 'KEY' as const },
    ];
    expect(createKeySerde('JSON', cols, undefined).serialize(['x', 2])?.toString()).toBe('{"A":"x","B":2}');
    expect(createKeySerde('JSON', cols.slice(0, 1), undefined).serialize(['x'])?.toString()).toBe('"x"');
  });

  it('reads JSON values case-insensitively, coercing numeric strings, and writes upper-case names', () => {
    const cols = [
      { name: 'NAME', type: S, namespace: 'VALUE' as const },
      { name: 'AGE', type: I, namespace: 'VALUE' as const },
    ];
    const serde = createValueSerde('JSON', cols);
    expect(serde.deserialize(Buffer.from('{"name":"a","Age":"42","extra":1}'))).toEqual(['a', 42]);
    expect(serde.serialize(['a', 42])?.toString()).toBe('{"NAME":"a","AGE":42}');
  });
});
