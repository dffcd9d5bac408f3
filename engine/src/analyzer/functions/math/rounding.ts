/**
 * ROUND and TRUNC as ksqlDB defines them. ROUND rounds ties towards positive infinity (like Java's
 * Math.round: ROUND(-1.5) = -1) and TRUNC towards zero. Without decimal places the result is
 * integral: BIGINT for INT, BIGINT and DOUBLE arguments, DECIMAL(p - s, 0) for DECIMAL(p, s). With
 * decimal places (negative: left of the point) a DOUBLE stays DOUBLE (rounded through its decimal
 * text, as BigDecimal.valueOf) and a DECIMAL keeps its type, the rounded value written at its scale.
 */
import { KsqlTypeError } from '../../type-error.js';
import type { SqlType } from '../../types.js';
import type { Decimal } from '../../values.js';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { argumentType } from './basic.js';
import { decimalOfDouble, roundDecimal, roundHalfCeiling } from './decimal-rounding.js';
import { doubleToLong, javaRound } from './java-numbers.js';

/**
 * DECIMAL(p, s) rounded to an integer: DECIMAL(p - s, 0). A type with no integer digits
 * (DECIMAL(2, 2)) has no such type, and ksqlDB refuses the call with its type's error.
 */
function integralDecimalType(types: SqlType[]): SqlType {
  const t = types[0]!;
  if (t.kind !== 'DECIMAL') return t;
  const precision = t.precision - t.scale;
  if (precision < 1) throw new KsqlTypeError(`DECIMAL precision must be >= 1: DECIMAL(${precision},0)`);
  return { kind: 'DECIMAL', precision, scale: 0 };
}

type DecimalRounder = (d: Decimal, places: number) => Decimal;

/** The six variants ROUND and TRUNC share, given how each rounds a double and a decimal. */
function roundingFunction(
  name: string,
  description: string,
  toLong: (d: number) => bigint,
  round: DecimalRounder,
): ScalarFunctionSpec {
  return scalar(name, 'MATHEMATICAL', description, [
    { params: ['BIGINT val'], returns: 'BIGINT', impl: ([v]) => v },
    { params: ['INT val'], returns: 'BIGINT', impl: ([v]) => BigInt(v as number) },
    { params: ['DOUBLE val'], returns: 'BIGINT', impl: ([v]) => toLong(v as number) },
    {
      params: ['DOUBLE val', 'INT decimalPlaces'],
      returns: 'DOUBLE',
      impl: ([v, places]) => round(decimalOfDouble(v as number), places as number).toNumber(),
    },
    { params: ['DECIMAL val'], returns: integralDecimalType, impl: ([v]) => round(v as Decimal, 0) },
    {
      params: ['DECIMAL val', 'INT decimalPlaces'],
      returns: argumentType,
      impl: ([v, places]) => {
        const d = v as Decimal;
        return round(d, places as number).withScale(d.scale);
      },
    },
  ]);
}

export const roundingFunctions: ScalarFunctionSpec[] = [
  roundingFunction(
    'Round',
    'Round a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is rounded to the right of the decimal point. Numbers equidistant to the nearest value are rounded up (in the positive direction). If the number of decimal places is not provided it defaults to zero.',
    javaRound,
    roundHalfCeiling,
  ),
  roundingFunction(
    'trunc',
    'Truncates a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is truncated to the right of the decimal point.',
    doubleToLong,
    (d, places) => roundDecimal(d, places, 'DOWN'),
  ),
];
