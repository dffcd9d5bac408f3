/**
 * COLLECT_LIST, COLLECT_SET and HISTOGRAM. COLLECT_LIST keeps every value (nulls included) in
 * arrival order and retracts the last equal one; COLLECT_SET keeps distinct values and is
 * stream-only. Both stop growing at `ksql.functions.collect_list.limit` /
 * `ksql.functions.collect_set.limit` values (silently, as ksqlDB). HISTOGRAM counts each distinct
 * non-null string (up to 1000 of them) into a MAP<STRING, BIGINT>, and retracts.
 */
import type { AggregateVariant, FunctionConfig } from './aggregate-spec.js';
import { udaf } from './aggregate-spec.js';
import { sameValue } from './arithmetic.js';

/** A collection limit from the configuration (default, or negative: unlimited). */
function limitOf(config: FunctionConfig, key: string): number {
  const raw = config[key];
  if (raw === undefined || raw === null) return Number.POSITIVE_INFINITY;
  const n = Math.trunc(Number(raw));
  return Number.isFinite(n) && n >= 0 ? n : Number.POSITIVE_INFINITY;
}

/** The column types ksqlDB's COLLECT_LIST / COLLECT_SET declare (no DECIMAL or nested types). */
const COLLECTABLE = ['BIGINT', 'INT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP', 'TIME', 'DATE', 'BYTES'];

/** One variant per collectable type, all built by `create`. */
function collectVariants(create: AggregateVariant['create']): AggregateVariant[] {
  return COLLECTABLE.map((p) => ({
    params: [`${p} val`],
    returns: ([t]) => ({ kind: 'ARRAY', item: t! }),
    create,
  }));
}

const HISTOGRAM_LIMIT = 1000;

export const collectFunctions = [
  udaf(
    'COLLECT_LIST',
    'Returns an array of all the values of a column.',
    collectVariants(({ config }) => {
      const limit = limitOf(config, 'ksql.functions.collect_list.limit');
      return {
        init: () => [],
        add: (acc, [v]) => ((acc as unknown[]).length >= limit ? acc : [...(acc as unknown[]), v]),
        undo: (acc, [v]) => {
          // ksqlDB removes the last equal value (a value never added, past the limit: nothing).
          const list = [...(acc as unknown[])];
          const i = list.findLastIndex((x) => sameValue(x, v));
          if (i >= 0) list.splice(i, 1);
          return list;
        },
        result: (acc) => acc,
      };
    }),
  ),
  udaf(
    'COLLECT_SET',
    'Returns an array of the distinct values of a column.',
    collectVariants(({ config }) => {
      const limit = limitOf(config, 'ksql.functions.collect_set.limit');
      return {
        init: () => [],
        add: (acc, [v]) => {
          const set = acc as unknown[];
          return set.length >= limit || set.some((x) => sameValue(x, v)) ? acc : [...set, v];
        },
        result: (acc) => acc,
      };
    }),
    { streamOnly: true },
  ),
  udaf('HISTOGRAM', 'Returns a map of each distinct string value to the number of its occurrences.', [
    {
      params: ['STRING val'],
      returns: 'MAP<STRING, BIGINT>',
      create: () => ({
        init: () => new Map<string, bigint>(),
        add: (acc, [v]) => {
          const m = acc as Map<string, bigint>;
          if (v === null || (!m.has(v as string) && m.size >= HISTOGRAM_LIMIT)) return acc;
          const out = new Map(m);
          out.set(v as string, (m.get(v as string) ?? 0n) + 1n);
          return out;
        },
        undo: (acc, [v]) => {
          const m = acc as Map<string, bigint>;
          if (v === null || !m.has(v as string)) return acc;
          const out = new Map(m);
          const c = (m.get(v as string) ?? 0n) - 1n;
          if (c <= 0n) out.delete(v as string);
          else out.set(v as string, c);
          return out;
        },
        result: (acc) => acc,
      }),
    },
  ]),
];
