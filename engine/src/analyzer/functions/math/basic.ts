/**
 * ksqlDB's elementary mathematical functions: ABS, CEIL, FLOOR, SIGN, EXP, LN, LOG, SQRT, CBRT,
 * POWER, PI, RANDOM — result types and edge cases as its Java UDFs (ABS(INT) wraps at
 * Integer.MIN_VALUE; LOG of a base ≤ 0 or 1 is NaN; DECIMAL results keep the argument's type).
 */
import type { SqlType } from '../../types.js';
import { Decimal } from '../../values.js';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { roundDecimal } from './decimal-rounding.js';
import { doubleVariants } from './double-variants.js';
import { wrapInt, wrapLong } from './java-numbers.js';

/** The result type of a function whose DECIMAL result has its argument's precision and scale. */
export const argumentType = (types: SqlType[]): SqlType => types[0]!;

/** FLOOR / CEIL: integral types unchanged, DOUBLE via Math, DECIMAL rounded and kept at its scale. */
function integralRounding(
  name: string,
  description: string,
  double: (d: number) => number,
  mode: 'FLOOR' | 'CEILING',
): ScalarFunctionSpec {
  return scalar(name, 'MATHEMATICAL', description, [
    { params: ['INT val'], returns: 'INT', impl: ([v]) => v },
    { params: ['BIGINT val'], returns: 'BIGINT', impl: ([v]) => v },
    { params: ['DOUBLE val'], returns: 'DOUBLE', impl: ([v]) => double(v as number) },
    {
      params: ['DECIMAL val'],
      returns: argumentType,
      impl: ([v]) => {
        const d = v as Decimal;
        return roundDecimal(d, 0, mode).withScale(d.scale);
      },
    },
  ]);
}

/** LOG(base, value): NaN for a base that is not positive or is 1 (ksqlDB's rule, not Math.log's). */
function logBase(base: number, value: number): number {
  return base <= 0 || base === 1 ? Number.NaN : Math.log(value) / Math.log(base);
}

/** Java's Math.signum, cast to int: NaN → 0. */
const signum = (d: number): number => (d > 0 ? 1 : d < 0 ? -1 : 0);

export const basicMathFunctions: ScalarFunctionSpec[] = [
  scalar('Abs', 'MATHEMATICAL', 'Returns the absolute value of its argument.', [
    { params: ['INT val'], returns: 'INT', impl: ([v]) => wrapInt(Math.abs(v as number)) },
    {
      params: ['BIGINT val'],
      returns: 'BIGINT',
      impl: ([v]) => wrapLong((v as bigint) < 0n ? -(v as bigint) : (v as bigint)),
    },
    { params: ['DOUBLE val'], returns: 'DOUBLE', impl: ([v]) => Math.abs(v as number) },
    {
      params: ['DECIMAL val'],
      returns: argumentType,
      impl: ([v]) => {
        const d = v as Decimal;
        return d.unscaled < 0n ? new Decimal(-d.unscaled, d.scale) : d;
      },
    },
  ]),
  integralRounding(
    'Floor',
    'Returns the largest integer less than or equal to the specified numeric expression.',
    Math.floor,
    'FLOOR',
  ),
  integralRounding(
    'Ceil',
    'Returns the smallest integer greater than or equal to the specified numeric expression.',
    Math.ceil,
    'CEILING',
  ),
  scalar('sign', 'MATHEMATICAL', 'The sign of a value: 1, 0 or -1.', [
    { params: ['INT value'], returns: 'INT', impl: ([v]) => signum(v as number) },
    { params: ['BIGINT value'], returns: 'INT', impl: ([v]) => signum(Number(v as bigint)) },
    { params: ['DOUBLE value'], returns: 'INT', impl: ([v]) => signum(v as number) },
  ]),
  scalar('exp', 'MATHEMATICAL', 'The exponential of a value.', doubleVariants(['exponent'], Math.exp)),
  scalar('ln', 'MATHEMATICAL', 'The natural logarithm of a value.', doubleVariants(['value'], Math.log)),
  scalar('log', 'MATHEMATICAL', 'The logarithm of a value.', [
    ...doubleVariants(['value'], Math.log),
    ...doubleVariants(['base', 'value'], logBase),
  ]),
  scalar('sqrt', 'MATHEMATICAL', 'The square root of a value.', doubleVariants(['value'], Math.sqrt)),
  scalar('cbrt', 'MATHEMATICAL', 'The cube root of a value.', doubleVariants(['value'], Math.cbrt)),
  scalar(
    'power',
    'MATHEMATICAL',
    'Given a base and an exponent, returns the result of the base raised to the exponent.',
    doubleVariants(['base', 'exponent'], Math.pow),
  ),
  scalar('pi', 'MATHEMATICAL', 'Returns an approximate value of PI.', [
    { params: [], returns: 'DOUBLE', impl: () => Math.PI },
  ]),
  scalar(
    'random',
    'MATHEMATICAL',
    'Returns a random number greater than or equal to 0.0 and less than 1.0.',
    [{ params: [], returns: 'DOUBLE', impl: () => Math.random() }],
  ),
];
