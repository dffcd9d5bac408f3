/**
 * SUM and SUM_LIST. SUM keeps its input type: INT wraps at 32 bits and BIGINT at 64 (Java
 * arithmetic, as ksqlDB); a DECIMAL sum that no longer fits the input's precision is an error —
 * the record is dropped and logged, the sum keeps its previous value. Nulls are skipped.
 */
import type { SqlType } from '../types.js';
import type { Decimal } from '../values.js';
import { type AggregateImpl, type AggregateVariant, udaf } from './aggregate-spec.js';
import { NUMERIC_PARAMS, negate, plus, zero } from './arithmetic.js';

function checkPrecision(t: SqlType, r: unknown): void {
  if (t.kind !== 'DECIMAL' || (r as Decimal).precision() <= t.precision) return;
  throw new Error(
    `Numeric field overflow: A field with precision ${t.precision} and scale ${t.scale} must round to an absolute value less than 10^${t.precision - t.scale}. Got ${(r as Decimal).toString()}`,
  );
}

/** A running sum over values of type `t`, `each` mapping a column value to its addend. */
function summing(t: SqlType, each: (v: unknown) => unknown = (v) => v): AggregateImpl {
  return {
    init: () => zero(t),
    add: (acc, [v]) => {
      if (v === null || v === undefined) return acc;
      const r = plus(t, acc, each(v));
      checkPrecision(t, r);
      return r;
    },
    undo: (acc, [v]) => (v === null || v === undefined ? acc : plus(t, acc, negate(t, each(v)))),
    result: (acc) => acc,
  };
}

const sumVariants: AggregateVariant[] = NUMERIC_PARAMS.map((p) => ({
  params: [`${p} val`],
  returns: ([t]) => t!,
  create: ({ types }) => summing(types[0]!),
}));

/** The sum of a list's non-null elements. */
function listTotal(t: SqlType, list: unknown): unknown {
  let acc = zero(t);
  for (const v of (list as unknown[] | null) ?? []) if (v !== null) acc = plus(t, acc, v);
  return acc;
}

const sumListVariants: AggregateVariant[] = NUMERIC_PARAMS.map((p) => ({
  params: [`ARRAY<${p}> list`],
  returns: ([t]) => (t?.kind === 'ARRAY' ? t.item : t!),
  create: ({ returnType }) => summing(returnType, (v) => listTotal(returnType, v)),
}));

export const sumFunctions = [
  udaf('SUM', 'Returns the sum of the values of a column; nulls are ignored.', sumVariants),
  udaf('SUM_LIST', 'Returns the sum of the elements of an array column, over all rows.', sumListVariants),
];
