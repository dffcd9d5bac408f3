/**
 * STDDEV_SAMPLE / STDDEV_SAMP over an INT, BIGINT or DOUBLE column, kept as (count, sum, M2) with the Youngs–Cramer update, as ksqlDB does — so results agree with
 * ksqlDB's to the last bit, including its integer arithmetic for the delta of INT (32-bit) and
 * BIGINT (64-bit) inputs. Fewer than two values give 0.0; nulls are skipped; `undo` retracts.
 */
import type { SqlType } from '../types.js';
import { type AggregateImpl, type AggregateVariant, udaf } from './aggregate-spec.js';

type StdState = [number, unknown, number];

interface Kind {
  zero: unknown;
  add(sum: unknown, v: unknown): unknown;
  sub(sum: unknown, v: unknown): unknown;
  /** `v * count - sum`, in the input type's arithmetic, as a double. */
  delta(v: unknown, count: number, sum: unknown): number;
}

const KINDS: Record<string, Kind> = {
  INTEGER: {
    zero: 0,
    add: (s, v) => ((s as number) + (v as number)) | 0,
    sub: (s, v) => ((s as number) - (v as number)) | 0,
    delta: (v, c, s) => (Math.imul(v as number, c) - (s as number)) | 0,
  },
  BIGINT: {
    zero: 0n,
    add: (s, v) => BigInt.asIntN(64, (s as bigint) + (v as bigint)),
    sub: (s, v) => BigInt.asIntN(64, (s as bigint) - (v as bigint)),
    delta: (v, c, s) => Number(BigInt.asIntN(64, (v as bigint) * BigInt(c) - (s as bigint))),
  },
  DOUBLE: {
    zero: 0,
    add: (s, v) => (s as number) + (v as number),
    sub: (s, v) => (s as number) - (v as number),
    delta: (v, c, s) => (v as number) * c - (s as number),
  },
};

function stddev(t: SqlType): AggregateImpl {
  const k = KINDS[t.kind]!;
  return {
    init: (): StdState => [0, k.zero, 0],
    add: (acc, [v]) => {
      if (v === null) return acc;
      const [count, sum, m2] = acc as StdState;
      const n = count + 1;
      const newSum = k.add(sum, v);
      const delta = n > 1 ? k.delta(v, n, newSum) : 0;
      return [n, newSum, m2 + (n > 1 ? (delta * delta) / (n * (n - 1)) : 0)];
    },
    undo: (acc, [v]) => {
      if (v === null) return acc;
      const [count, sum, m2] = acc as StdState;
      const n = count - 1;
      // ksqlDB computes the retraction's delta as an addition's (v·(count+1) − (sum+v)).
      const delta = n > 0 ? k.delta(v, count + 1, k.add(sum, v)) : 0;
      return [n, k.sub(sum, v), m2 - (n > 0 ? (delta * delta) / (n * (n + 1)) : 0)];
    },
    result: (acc) => {
      const [count, , m2] = acc as StdState;
      return count < 2 ? 0 : m2 / (count - 1);
    },
  };
}

/** The variants over INT, BIGINT and DOUBLE; `sqrt` for the deviation, not the variance. */
function variants(sqrt: boolean): AggregateVariant[] {
  return ['INT', 'BIGINT', 'DOUBLE'].map((p) => ({
    params: [`${p} val`],
    returns: 'DOUBLE',
    create: ({ types }) => {
      const impl = stddev(types[0]!);
      return sqrt ? { ...impl, result: (acc) => Math.sqrt(impl.result(acc) as number) } : impl;
    },
  }));
}

/**
 * STDDEV_SAMPLE returns the deviation; STDDEV_SAMP, despite its name, returns the sample variance
 * (M2 / (n − 1)) — ksqlDB's behaviour, pinned by its conformance tests.
 */
export const stddevFunctions = [
  udaf('STDDEV_SAMPLE', 'Returns the sample standard deviation of a column.', variants(true), {
    complexState: true,
  }),
  udaf('STDDEV_SAMP', 'Returns the sample variance of a column (ksqlDB: M2 / (n - 1)).', variants(false), {
    complexState: true,
  }),
];
