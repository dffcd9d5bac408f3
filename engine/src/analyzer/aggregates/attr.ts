/**
 * ATTR: the value of a column when every row of the group has the same one (NULL counts as a
 * value), else NULL — for attributes that should not vary within a group. Its state counts each
 * distinct value, so a table source can retract: once the differing rows are gone, the common
 * value comes back.
 */
import { udaf } from './aggregate-spec.js';
import { sameValue } from './arithmetic.js';

/** Distinct values seen and how many rows hold each: `[value, count][]`, kept immutable. */
type Counts = [unknown, number][];

function change(acc: Counts, v: unknown, by: number): Counts {
  const i = acc.findIndex(([x]) => sameValue(x, v));
  if (i < 0) return by > 0 ? [...acc, [v, by]] : acc;
  const n = acc[i]![1] + by;
  return n > 0 ? acc.map((e, j) => (j === i ? [e[0], n] : e)) : acc.filter((_, j) => j !== i);
}

export const attrFunctions = [
  udaf('ATTR', 'Returns the value of a column if every row of the group has the same value, else NULL.', [
    {
      params: ['ANY val'],
      returns: ([t]) => t!,
      create: () => ({
        init: (): Counts => [],
        add: (acc, [v]) => change(acc as Counts, v ?? null, 1),
        undo: (acc, [v]) => change(acc as Counts, v ?? null, -1),
        result: (acc) => {
          const counts = acc as Counts;
          return counts.length === 1 ? counts[0]![0] : null;
        },
      }),
    },
  ]),
];
