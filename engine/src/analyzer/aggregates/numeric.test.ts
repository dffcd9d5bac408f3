import { describe, expect, it } from 'vitest';
import { type SqlType, T } from '../types.js';
import { Decimal } from '../values.js';
import { addThenUndo, col, steps } from './aggregate-test-kit.js';
import { effectiveAggregateArgs, resolveAggregate } from './registry.js';

const DEC = (precision: number, scale: number): SqlType => ({ kind: 'DECIMAL', precision, scale });
const d = (s: string) => Decimal.parse(s);

describe('SUM', () => {
  it.each([
    ['INT', T.INTEGER, [[1], [null], [2]], 3],
    ['INT wraps at 32 bits (Java int)', T.INTEGER, [[2147483647], [1]], -2147483648],
    ['BIGINT', T.BIGINT, [[1n], [2n]], 3n],
    ['BIGINT wraps at 64 bits (Java long)', T.BIGINT, [[9223372036854775807n], [1n]], -9223372036854775808n],
    ['DOUBLE', T.DOUBLE, [[1.5], [2.25]], 3.75],
    ['all null', T.INTEGER, [[null]], 0],
  ])('%s', (_name, type, rows, expected) => {
    expect(steps('SUM', [col(type)], rows).at(-1)).toEqual(expected);
  });

  it('keeps a DECIMAL sum in the input scale and fails on overflow (the record is dropped)', () => {
    const impl = resolveAggregate('SUM', [col(DEC(4, 1))]).create();
    const acc = impl.add(impl.init(), [d('999.9')]);
    expect(String(impl.result(acc))).toBe('999.9');
    expect(() => impl.add(acc, [d('0.1')])).toThrow(/Numeric field overflow/);
  });

  it('retracts on a table source', () => {
    expect(addThenUndo('SUM', [col(T.BIGINT)], [[5n], [7n]], [[5n]])).toBe(7n);
  });
  it('sums ROWTIME, a BIGINT that arrives as a number (SUM() / SUM(*))', () => {
    expect(steps('SUM', [col(T.BIGINT)], [[10], [20]]).at(-1)).toBe(30n);
    expect(effectiveAggregateArgs('SUM', [], true)).toEqual([{ kind: 'column', name: 'ROWTIME' }]);
    expect(
      effectiveAggregateArgs('COUNT', [{ kind: 'literal', type: 'integer', value: '1' }], false),
    ).toEqual([]);
  });

  it('rejects a non-numeric argument with the alternatives', () => {
    expect(() => resolveAggregate('SUM', [col(T.BOOLEAN)])).toThrow(
      /Function 'SUM' does not accept parameters \(BOOLEAN\)\.\nValid alternatives are:\nSUM\(INT val\)/,
    );
  });
});

describe('AVG', () => {
  it.each([
    ['ints average to a double', T.INTEGER, [[1], [2]], 1.5],
    ['nulls are skipped', T.BIGINT, [[4n], [null]], 4],
    ['decimals', DEC(4, 1), [[d('1.5')], [d('2.5')]], 2],
    ['an INT sum wraps at 32 bits before dividing (ksqlDB)', T.INTEGER, [[2147483647], [1]], -1073741824],
  ])('%s', (_name, type, rows, expected) => {
    expect(steps('AVG', [col(type)], rows).at(-1)).toBe(expected);
  });
  it('an emptied group averages to 0.0', () => {
    expect(addThenUndo('AVG', [col(T.INTEGER)], [[3]], [[3]])).toBe(0);
  });
});

describe('STDDEV_SAMPLE / STDDEV_SAMP', () => {
  it('STDDEV_SAMPLE is the sample deviation, 0.0 below two values', () => {
    expect(steps('STDDEV_SAMPLE', [col(T.INTEGER)], [[0], [10], [null], [7], [6]])).toEqual([
      0, 7.0710678118654755, 7.0710678118654755, 5.131601439446884, 4.193248541803041,
    ]);
  });
  it('STDDEV_SAMP is the sample variance (ksqlDB)', () => {
    expect(steps('STDDEV_SAMP', [col(T.INTEGER)], [[0], [10], [7]])).toEqual([0, 50, 26.333333333333332]);
  });
  it('agrees with ksqlDB to the bit on large BIGINT and DOUBLE inputs', () => {
    expect(steps('STDDEV_SAMPLE', [col(T.BIGINT)], [[2147483648n], [100n], [-2n]]).slice(1)).toEqual([
      1518500179.2773468, 1239850233.9629574,
    ]);
    expect(steps('STDDEV_SAMPLE', [col(T.DOUBLE)], [[9223372036854.775], [300.8]]).at(-1)).toBe(
      6521908912453.693,
    );
  });
  it('retracts', () => {
    expect(addThenUndo('STDDEV_SAMP', [col(T.DOUBLE)], [[1], [3], [100]], [[100]])).toBeCloseTo(2, 9);
  });
});

describe('CORRELATION', () => {
  it('is NaN for one pair, skips pairs with a null, and widens INT', () => {
    const rows = [
      [1, 8],
      [-1, -2],
      [-4, -1],
      [null, -6],
    ];
    const out = steps('CORRELATION', [col(T.INTEGER), col(T.INTEGER)], rows);
    expect(out[0]).toBeNaN();
    expect(out.slice(1)).toEqual([1, 0.7455284088780169, 0.7455284088780169]);
  });
  it('retracts a pair', () => {
    const r = addThenUndo(
      'CORRELATION',
      [col(T.DOUBLE), col(T.DOUBLE)],
      [
        [1.5, 8],
        [-1, -2],
        [3, 3],
      ],
      [[3, 3]],
    );
    expect(r).toBeCloseTo(1, 12);
  });
});
