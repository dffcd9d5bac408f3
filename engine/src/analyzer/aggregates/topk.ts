/**
 * TOPK and TOPKDISTINCT: the k greatest non-null values of a comparable column, greatest first
 * (TOPKDISTINCT without repeats). `k` is a literal parameter. Stream-only; the state is a list
 * DELIMITED cannot hold.
 */
import { KsqlTypeError } from '../type-error.js';
import { newStruct, type Struct } from '../values.js';
import { type AggregateVariant, udaf } from './aggregate-spec.js';
import { compareValues } from './arithmetic.js';

const SORTABLE = ['INT', 'BIGINT', 'DOUBLE', 'DECIMAL', 'STRING', 'DATE', 'TIME', 'TIMESTAMP', 'BYTES'];

function topk(distinct: boolean): AggregateVariant[] {
  return SORTABLE.map((p) => ({
    params: [`${p} val`],
    literals: ['INT k'],
    returns: ([t]) => ({ kind: 'ARRAY', item: t! }),
    create: ({ literals }) => {
      const k = literals[0] as number;
      if (!(k > 0)) throw new KsqlTypeError(`Invalid parameter k: ${k}. k must be greater than 0.`);
      return {
        init: () => [],
        add: (acc, [v]) => {
          if (v === null) return acc;
          const list = acc as unknown[];
          if (distinct && list.some((x) => compareValues(x, v) === 0)) return acc;
          return [...list, v].sort((a, b) => compareValues(b, a)).slice(0, k);
        },
        result: (acc) => acc,
      };
    },
  }));
}

/**
 * TOPK(sortCol, otherCols..., k): the k rows with the greatest sort values, each as a
 * STRUCT<sort_col, col0, col1, …> carrying the other columns' values.
 */
const withColumns: AggregateVariant = {
  params: ['T sort_col', '...ANY cols'],
  literals: ['INT k'],
  returns: (types) => ({
    kind: 'ARRAY',
    item: {
      kind: 'STRUCT',
      fields: types.map((type, i) => ({ name: i === 0 ? 'sort_col' : `col${i - 1}`, type })),
    },
  }),
  create: ({ literals, types }) => {
    const k = literals[0] as number;
    if (!(k > 0)) throw new KsqlTypeError(`Invalid parameter k: ${k}. k must be greater than 0.`);
    return {
      init: () => [],
      add: (acc, args) => {
        if (args[0] === null) return acc;
        const row = newStruct();
        types.forEach((_, i) => {
          row[i === 0 ? 'sort_col' : `col${i - 1}`] = args[i] ?? null;
        });
        const list = acc as Struct[];
        return [...list, row].sort((a, b) => compareValues(b.sort_col, a.sort_col)).slice(0, k);
      },
      result: (acc) => acc,
    };
  },
};

export const topkFunctions = [
  udaf(
    'TOPK',
    'Returns the k greatest values of a column (with other columns: as structs).',
    [...topk(false), withColumns],
    {
      streamOnly: true,
      complexState: true,
    },
  ),
  udaf('TOPKDISTINCT', 'Returns the k greatest distinct values of a column.', topk(true), {
    streamOnly: true,
    complexState: true,
  }),
];
