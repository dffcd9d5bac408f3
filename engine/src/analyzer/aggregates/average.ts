/**
 * AVG: the mean of a numeric column as a DOUBLE (nulls ignored; an empty group averages to 0.0,
 * which a table source reaches when every row is retracted). The state is (sum, count), which the
 * DELIMITED format cannot hold.
 */
import { type AggregateVariant, udaf } from './aggregate-spec.js';
import { NUMERIC_PARAMS, toDouble } from './arithmetic.js';

type AvgState = [number, bigint];

const variants: AggregateVariant[] = NUMERIC_PARAMS.map((p) => ({
  params: [`${p} val`],
  returns: 'DOUBLE',
  create: () => ({
    init: (): AvgState => [0, 0n],
    add: (acc, [v]) => {
      const [s, c] = acc as AvgState;
      return v === null ? acc : [s + toDouble(v), c + 1n];
    },
    undo: (acc, [v]) => {
      const [s, c] = acc as AvgState;
      return v === null ? acc : [s - toDouble(v), c - 1n];
    },
    result: (acc) => {
      const [s, c] = acc as AvgState;
      return c === 0n ? 0 : s / Number(c);
    },
  }),
}));

export const averageFunctions = [
  udaf('AVG', 'Returns the average value of a column.', variants, { complexState: true }),
];
