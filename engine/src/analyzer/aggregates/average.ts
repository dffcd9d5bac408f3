/**
 * AVG: the mean of an INT, BIGINT or DOUBLE column as a DOUBLE (a DECIMAL widens to DOUBLE, as
 * ksqlDB declares no DECIMAL variant). As in ksqlDB the running sum keeps the input type — an INT
 * sum wraps at 32 bits, a BIGINT one at 64 — and is divided by the count at the end; nulls are
 * ignored, an empty group averages to 0.0 (a table source reaches it when every row is retracted).
 * The state is (sum, count), which the DELIMITED format cannot hold.
 */
import { type AggregateVariant, udaf } from './aggregate-spec.js';
import { negate, plus, toDouble, zero } from './arithmetic.js';

type AvgState = [unknown, bigint];

const variants: AggregateVariant[] = ['INT', 'BIGINT', 'DOUBLE'].map((p) => ({
  params: [`${p} val`],
  returns: 'DOUBLE',
  create: ({ types }) => {
    const t = types[0]!;
    return {
      init: (): AvgState => [zero(t), 0n],
      add: (acc, [v]) => {
        const [s, c] = acc as AvgState;
        return v === null ? acc : [plus(t, s, v), c + 1n];
      },
      undo: (acc, [v]) => {
        const [s, c] = acc as AvgState;
        return v === null ? acc : [plus(t, s, negate(t, v)), c - 1n];
      },
      result: (acc) => {
        const [s, c] = acc as AvgState;
        return c === 0n ? 0 : toDouble(s) / Number(c);
      },
    };
  },
}));

export const averageFunctions = [
  udaf('AVG', 'Returns the average value of a column.', variants, { complexState: true }),
];
