/**
 * CORRELATION(x, y): Pearson's correlation coefficient of two numeric columns (DOUBLE; INT and
 * BIGINT widen), from running sums as ksqlDB computes it — one pair gives NaN (0/0), a pair with a
 * null is skipped, `undo` retracts. The state is a structure DELIMITED cannot hold.
 */
import { type AggregateVariant, udaf } from './aggregate-spec.js';

/** [Σx, Σy, Σx², Σy², Σxy, n] */
type CorrState = [number, number, number, number, number, number];

function step(acc: unknown, x: unknown, y: unknown, sign: 1 | -1): unknown {
  if (x === null || y === null) return acc;
  const [sx, sy, sxx, syy, sxy, n] = acc as CorrState;
  const a = x as number;
  const b = y as number;
  return [sx + sign * a, sy + sign * b, sxx + sign * a * a, syy + sign * b * b, sxy + sign * a * b, n + sign];
}

const variant: AggregateVariant = {
  params: ['DOUBLE x', 'DOUBLE y'],
  returns: 'DOUBLE',
  create: () => ({
    init: (): CorrState => [0, 0, 0, 0, 0, 0],
    add: (acc, [x, y]) => step(acc, x, y, 1),
    undo: (acc, [x, y]) => step(acc, x, y, -1),
    result: (acc) => {
      const [sx, sy, sxx, syy, sxy, n] = acc as CorrState;
      const numerator = n * sxy - sx * sy;
      return numerator / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    },
  }),
};

export const correlationFunctions = [
  udaf('CORRELATION', 'Returns the correlation coefficient of two columns.', [variant], {
    complexState: true,
  }),
];
