/**
 * GREATEST and LEAST: the highest / lowest non-null value among one or more values of one
 * comparable type — INT, BIGINT, DOUBLE, DECIMAL, STRING, BYTES, DATE, TIME or TIMESTAMP, one
 * variadic variant each, as ksqlDB declares them. Mixed argument types resolve only through the
 * registry's implicit casts, so (INT, BIGINT) is ambiguous between the BIGINT, DECIMAL and DOUBLE
 * variants exactly as in ksqlDB. Orderings are Java's (Double.compareTo: NaN highest, -0.0 below
 * 0.0; strings by UTF-16 unit; bytes as signed values); decimals widen to one type. All nulls: null.
 */
import { NULL_TYPE, type SqlType } from '../../types.js';
import type { Decimal } from '../../values.js';
import { type ScalarFunctionSpec, scalar, type VariantSpec } from '../function-spec.js';
import { compareBytes, compareDoubles } from './java-numbers.js';

type Compare = (a: never, b: never) => number;

const natural = (a: number | bigint | string, b: number | bigint | string): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** The comparable types and their orderings. */
const ORDERINGS: readonly [string, Compare][] = [
  ['INT', natural],
  ['BIGINT', natural],
  ['DOUBLE', compareDoubles],
  ['STRING', natural],
  ['BYTES', compareBytes],
  ['DATE', natural],
  ['TIME', natural],
  ['TIMESTAMP', natural],
];

/** ksqlDB's DecimalUtil.widen over the non-null arguments: the most integer digits and the largest scale. */
function widenDecimals(types: SqlType[]): SqlType {
  let whole = 0;
  let scale = 0;
  for (const t of types) {
    if (t === NULL_TYPE || t.kind !== 'DECIMAL') continue;
    whole = Math.max(whole, t.precision - t.scale);
    scale = Math.max(scale, t.scale);
  }
  return { kind: 'DECIMAL', precision: whole + scale, scale };
}

/** The highest (sign 1) or lowest (sign -1) non-null value; ties keep the earlier one, as Java's max/min. */
function pick(values: unknown[], compare: Compare, sign: 1 | -1): unknown {
  let best: unknown = null;
  for (const v of values) {
    if (v === null) continue;
    if (best === null || sign * compare(v as never, best as never) > 0) best = v;
  }
  return best;
}

function extreme(name: string, description: string, sign: 1 | -1): ScalarFunctionSpec {
  const variants: VariantSpec[] = ORDERINGS.map(([type, compare]) => ({
    params: [`${type} val`, `...${type} vals`],
    returns: type,
    nullTolerant: true,
    impl: (args: unknown[]) => pick(args, compare, sign),
  }));
  variants.push({
    params: ['DECIMAL val', '...DECIMAL vals'],
    returns: widenDecimals,
    nullTolerant: true,
    impl: (args, call) => {
      const best = pick(args, (a: Decimal, b: Decimal) => a.compare(b), sign) as Decimal | null;
      const t = call.returnType;
      return best === null || t.kind !== 'DECIMAL' ? best : best.withScale(t.scale);
    },
  });
  return scalar(name, 'MATHEMATICAL', description, variants);
}

export const extremeFunctions: ScalarFunctionSpec[] = [
  extreme('greatest', 'Returns the highest non-null value among a variable number of comparable columns.', 1),
  extreme('least', 'Returns the lowest non-null value among a variable number of comparable columns.', -1),
];
