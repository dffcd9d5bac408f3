/**
 * MIN and MAX over any comparable column (numbers, strings, bytes, dates and times); nulls are
 * ignored and an all-null group is null. Stream-only, as in ksqlDB (no undo).
 */
import { type AggregateVariant, udaf } from './aggregate-spec.js';
import { compareValues } from './arithmetic.js';

const COMPARABLE = ['INT', 'BIGINT', 'DOUBLE', 'DECIMAL', 'STRING', 'BYTES', 'DATE', 'TIME', 'TIMESTAMP'];

function extreme(sign: 1 | -1): AggregateVariant[] {
  return COMPARABLE.map((p) => ({
    params: [`${p} val`],
    returns: ([t]) => t!,
    create: () => ({
      init: () => null,
      add: (acc, [v]) => (v === null ? acc : acc === null || compareValues(v, acc) * sign > 0 ? v : acc),
      result: (acc) => acc,
    }),
  }));
}

export const minMaxFunctions = [
  udaf('MIN', 'Returns the minimum value of a column.', extreme(-1), { streamOnly: true }),
  udaf('MAX', 'Returns the maximum value of a column.', extreme(1), { streamOnly: true }),
];
