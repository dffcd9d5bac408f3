/**
 * COUNT and COUNT_DISTINCT. COUNT(*) / COUNT() / COUNT(literal) count rows (the analyzer passes
 * them no argument); COUNT(col) counts non-null values; both retract on table sources.
 * COUNT_DISTINCT counts distinct non-null values (ksqlDB estimates with HyperLogLog, which is exact
 * at the cardinalities tests use; here the count is exact) and is stream-only.
 */
import { udaf } from './aggregate-spec.js';
import { sameValue } from './arithmetic.js';

const counted = (args: unknown[]) => args.length === 0 || args[0] !== null;

export const countFunctions = [
  udaf('COUNT', 'Counts rows, or the non-null values of a column.', [
    {
      params: [],
      returns: 'BIGINT',
      create: () => ({
        init: () => 0n,
        add: (acc) => (acc as bigint) + 1n,
        undo: (acc) => (acc as bigint) - 1n,
        result: (acc) => acc,
      }),
    },
    {
      params: ['ANY col'],
      returns: 'BIGINT',
      create: () => ({
        init: () => 0n,
        add: (acc, a) => (counted(a) ? (acc as bigint) + 1n : acc),
        undo: (acc, a) => (counted(a) ? (acc as bigint) - 1n : acc),
        result: (acc) => acc,
      }),
    },
  ]),
  udaf(
    'COUNT_DISTINCT',
    'Returns the number of distinct non-null values of a column.',
    [
      {
        params: ['T col'],
        returns: 'BIGINT',
        create: () => ({
          init: () => [],
          add: (acc, [v]) => {
            const seen = acc as unknown[];
            return v === null || seen.some((x) => sameValue(x, v)) ? acc : [...seen, v];
          },
          result: (acc) => BigInt((acc as unknown[]).length),
        }),
      },
    ],
    { streamOnly: true },
  ),
];
