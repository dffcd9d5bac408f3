/**
 * EARLIEST_BY_OFFSET and LATEST_BY_OFFSET: the value of the row with the lowest / highest offset
 * (arrival order), or with `n` the first / last n values as an ARRAY; nulls are skipped unless
 * `ignoreNulls` is false. `n` and `ignoreNulls` are literal parameters. Stream-only.
 */
import { KsqlTypeError } from '../type-error.js';
import type { AggregateImpl, AggregateVariant } from './aggregate-spec.js';
import { udaf } from './aggregate-spec.js';

function single(latest: boolean, ignoreNulls: boolean): AggregateImpl {
  return {
    init: () => [false, null],
    add: (acc, [v]) => {
      if (v === null && ignoreNulls) return acc;
      if (!latest && (acc as [boolean, unknown])[0]) return acc;
      return [true, v];
    },
    result: (acc) => (acc as [boolean, unknown])[1],
  };
}

function several(name: string, latest: boolean, n: number, ignoreNulls: boolean): AggregateImpl {
  if (!(n > 0)) throw new KsqlTypeError(`${name} n must be greater than 0, but was ${n}`);
  return {
    init: () => [],
    add: (acc, [v]) => {
      if (v === null && ignoreNulls) return acc;
      const list = acc as unknown[];
      if (latest) return list.length < n ? [...list, v] : [...list.slice(list.length - n + 1), v];
      return list.length >= n ? list : [...list, v];
    },
    result: (acc) => acc,
  };
}

function byOffset(name: string, latest: boolean) {
  const variants: AggregateVariant[] = [
    { params: ['T val'], returns: 'T', create: () => single(latest, true) },
    {
      params: ['T val'],
      literals: ['BOOLEAN ignoreNulls'],
      returns: 'T',
      create: ({ literals }) => single(latest, literals[0] !== false),
    },
    {
      params: ['T val'],
      literals: ['INT earliestN'],
      returns: 'ARRAY<T>',
      create: ({ literals }) => several(name, latest, literals[0] as number, true),
    },
    {
      params: ['T val'],
      literals: ['INT earliestN', 'BOOLEAN ignoreNulls'],
      returns: 'ARRAY<T>',
      create: ({ literals }) => several(name, latest, literals[0] as number, literals[1] !== false),
    },
  ];
  const which = latest ? 'latest' : 'earliest';
  return udaf(name, `Returns the ${which} value of a column by offset.`, variants, { streamOnly: true });
}

export const byOffsetFunctions = [byOffset('EARLIEST_BY_OFFSET', false), byOffset('LATEST_BY_OFFSET', true)];
