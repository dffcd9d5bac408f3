import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../types.js';
import { Decimal } from '../values.js';
import { registerFunction, resolveScalar } from './index.js';

const arg = (type: SqlType, literal = false) => ({ type, literal });
const DEC = (precision: number, scale: number): SqlType => ({ kind: 'DECIMAL', precision, scale });

registerFunction({
  name: 'REG_TEST_PICK',
  category: 'OTHER',
  description: 'resolution fixture',
  variants: [
    { params: ['INT a'], returns: 'STRING', impl: () => 'int' },
    { params: ['BIGINT a'], returns: 'STRING', impl: () => 'bigint' },
    { params: ['DOUBLE a'], returns: 'STRING', impl: () => 'double' },
    { params: ['DECIMAL a'], returns: 'STRING', impl: () => 'decimal' },
  ],
});
registerFunction({
  name: 'reg_test_generic',
  category: 'OTHER',
  description: 'generic fixture',
  variants: [
    {
      params: ['ARRAY<DECIMAL> list'],
      returns: ([list]) => (list?.kind === 'ARRAY' ? list.item : T.STRING),
      impl: () => 'decimal',
    },
    { params: ['ARRAY<T> list'], returns: 'T', impl: ([a]) => (a as unknown[])[0] },
    { params: ['T first', '...T rest'], returns: 'ARRAY<T>', impl: (args) => args },
  ],
});
registerFunction({
  name: 'reg_test_widen',
  category: 'OTHER',
  description: 'implicit cast fixture',
  variants: [
    { params: ['DOUBLE a', 'DATE d'], returns: 'DOUBLE', impl: ([a, d]) => (a as number) + (d as number) },
  ],
});

describe('scalar function resolution (ksqlDB rules)', () => {
  it('takes the exact match over implicit casts', () => {
    expect(resolveScalar('reg_test_pick', [arg(T.INTEGER)]).bind()([1])).toBe('int');
    expect(resolveScalar('reg_test_pick', [arg(DEC(4, 2))]).bind()([null])).toBe('decimal');
  });

  it('reports two equally good candidates as ambiguous, naming the argument types', () => {
    expect(() => resolveScalar('reg_test_generic', [arg(NULL_TYPE), arg(NULL_TYPE)])).not.toThrow();
    expect(() => resolveScalar('reg_test_pick', [arg(NULL_TYPE)])).toThrow(
      "Function 'REG_TEST_PICK' cannot be resolved due to ambiguous method parameters (null).",
    );
  });

  it('lists the valid alternatives when nothing matches', () => {
    const map: SqlType = { kind: 'MAP', key: T.STRING, value: T.INTEGER };
    expect(() => resolveScalar('reg_test_generic', [arg(map), arg(T.STRING)])).toThrow(
      "Function 'reg_test_generic' does not accept parameters (MAP<STRING, INTEGER>, STRING).\nValid alternatives are:\nreg_test_generic(ARRAY<DECIMAL> list)\nreg_test_generic(ARRAY<T> list)\nreg_test_generic(T first, ...T rest)",
    );
  });

  it('prefers a concrete parameter over a generic one and binds generics to argument types', () => {
    const decimals = resolveScalar('reg_test_generic', [arg({ kind: 'ARRAY', item: DEC(4, 2) })]);
    expect(decimals.bind()([[]])).toBe('decimal');
    expect(decimals.returnType).toEqual(DEC(4, 2));
    const r = resolveScalar('reg_test_generic', [arg({ kind: 'ARRAY', item: T.STRING })]);
    expect(r.returnType).toEqual(T.STRING);
    expect(r.bind()([['x']])).toBe('x');
  });

  it('binds a variadic generic across its arguments and refuses mixed types', () => {
    const r = resolveScalar('reg_test_generic', [arg(T.BIGINT), arg(NULL_TYPE), arg(T.BIGINT)]);
    expect(r.returnType).toEqual({ kind: 'ARRAY', item: T.BIGINT });
    expect(() => resolveScalar('reg_test_generic', [arg(T.BIGINT), arg(T.STRING)])).toThrow(
      /does not accept/,
    );
  });

  it('widens numbers and reads string literals as dates before the call', () => {
    const r = resolveScalar('reg_test_widen', [arg(DEC(3, 1)), arg(T.STRING, true)]);
    expect(r.bind()([Decimal.parse('1.5'), '1970-01-03'])).toBe(3.5);
    expect(() => resolveScalar('reg_test_widen', [arg(T.INTEGER), arg(T.STRING)])).toThrow(/does not accept/);
  });

  it('refuses a declaration whose result type cannot be known', () => {
    expect(() =>
      registerFunction({
        name: 'reg_test_bad',
        category: 'OTHER',
        description: '',
        variants: [{ params: ['DECIMAL a'], returns: 'DECIMAL', impl: () => null }],
      }),
    ).toThrow(/result type DECIMAL/);
  });

  it('finds no function named like an Object.prototype member', () => {
    expect(() => resolveScalar('toString', [])).toThrow("Can't find any functions with the name 'toString'");
  });
});
