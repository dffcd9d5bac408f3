/**
 * Aggregate functions: result type, whether a table source may use them (those that can `undo`),
 * and the accumulator. Accumulators are immutable-by-convention values so they can be written to a
 * state changelog with `toTagged`.
 */
import { KsqlTypeError } from './type-error.js';
import { type SqlType, T } from './types.js';
import { Decimal } from './values.js';

export interface AggregateImpl {
  init(): unknown;
  /** Adds one input row's argument values. */
  add(acc: unknown, args: unknown[]): unknown;
  /** Removes a previously added row (table sources); absent for stream-only functions. */
  undo?(acc: unknown, args: unknown[]): unknown;
  result(acc: unknown): unknown;
}

export interface AggregateDef {
  name: string;
  /** Result type from the argument types; literal args (e.g. TOPK's k) passed as values. */
  returnType(args: SqlType[]): SqlType;
  create(args: SqlType[], literals: unknown[]): AggregateImpl;
  /** Intermediate state unrepresentable in DELIMITED (AVG, TOPK). */
  complexState?: boolean;
}

function add(t: SqlType, a: unknown, b: unknown): unknown {
  if (t.kind === 'BIGINT') return (a as bigint) + (b as bigint);
  if (t.kind === 'DECIMAL') {
    const x = a as Decimal;
    const y = (b as Decimal).withScale(x.scale);
    return new Decimal(x.unscaled + y.unscaled, x.scale);
  }
  if (t.kind === 'INTEGER') return ((a as number) + (b as number)) | 0;
  return (a as number) + (b as number);
}
function negate(t: SqlType, a: unknown): unknown {
  if (t.kind === 'BIGINT') return -(a as bigint);
  if (t.kind === 'DECIMAL') return new Decimal(-(a as Decimal).unscaled, (a as Decimal).scale);
  return -(a as number);
}
function zero(t: SqlType): unknown {
  if (t.kind === 'BIGINT') return 0n;
  if (t.kind === 'DECIMAL') return new Decimal(0n, t.scale);
  return 0;
}

const count: AggregateDef = {
  name: 'COUNT',
  returnType: () => T.BIGINT,
  create: (args) => ({
    init: () => 0n,
    add: (acc, a) => (args.length === 0 || a[0] !== null ? (acc as bigint) + 1n : acc),
    undo: (acc, a) => (args.length === 0 || a[0] !== null ? (acc as bigint) - 1n : acc),
    result: (acc) => acc,
  }),
};

const sum: AggregateDef = {
  name: 'SUM',
  returnType: ([t]) => {
    if (t === undefined || !['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL'].includes(t.kind)) {
      throw new KsqlTypeError(`Function 'sum' does not accept parameters (${t?.kind ?? ''}).`);
    }
    return t;
  },
  create: ([t]) => {
    const type = t!;
    return {
      init: () => zero(type),
      add: (acc, [v]) => {
        if (v === null) return acc;
        const r = add(type, acc, v);
        if (type.kind === 'DECIMAL' && (r as Decimal).precision() > type.precision) {
          throw new Error(
            `Numeric field overflow: A field with precision ${type.precision} and scale ${type.scale} must round to an absolute value less than 10^${type.precision - type.scale}. Got ${(r as Decimal).toString()}`,
          );
        }
        return r;
      },
      undo: (acc, [v]) => (v === null ? acc : add(type, acc, negate(type, v))),
      result: (acc) => acc,
    };
  },
};

const sumList: AggregateDef = {
  name: 'SUM_LIST',
  returnType: ([t]) => (t?.kind === 'ARRAY' ? t.item : T.DOUBLE),
  create: ([t]) => {
    const type = t?.kind === 'ARRAY' ? t.item : T.DOUBLE;
    const total = (list: unknown): unknown => {
      let acc = zero(type);
      for (const v of (list as unknown[] | null) ?? []) if (v !== null) acc = add(type, acc, v);
      return acc;
    };
    return {
      init: () => zero(type),
      add: (acc, [v]) => add(type, acc, total(v)),
      undo: (acc, [v]) => add(type, acc, negate(type, total(v))),
      result: (acc) => acc,
    };
  },
};

const avg: AggregateDef = {
  name: 'AVG',
  complexState: true,
  returnType: () => T.DOUBLE,
  create: ([t]) => {
    const toNum = (v: unknown): number =>
      typeof v === 'bigint' ? Number(v) : v instanceof Decimal ? v.toNumber() : (v as number);
    void t;
    return {
      init: () => [0, 0n],
      add: (acc, [v]) =>
        v === null ? acc : [(acc as [number, bigint])[0] + toNum(v), (acc as [number, bigint])[1] + 1n],
      undo: (acc, [v]) =>
        v === null ? acc : [(acc as [number, bigint])[0] - toNum(v), (acc as [number, bigint])[1] - 1n],
      result: (acc) => {
        const [s, c] = acc as [number, bigint];
        return c === 0n ? 0 : s / Number(c);
      },
    };
  },
};

function compare(a: unknown, b: unknown): number {
  if (a instanceof Decimal && b instanceof Decimal) return a.compare(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function minMax(name: 'MIN' | 'MAX'): AggregateDef {
  const sign = name === 'MIN' ? -1 : 1;
  return {
    name,
    returnType: ([t]) => t!,
    create: () => ({
      init: () => null,
      add: (acc, [v]) => (v === null ? acc : acc === null || compare(v, acc) * sign > 0 ? v : acc),
      result: (acc) => acc,
    }),
  };
}

function byOffset(name: 'LATEST_BY_OFFSET' | 'EARLIEST_BY_OFFSET'): AggregateDef {
  const latest = name === 'LATEST_BY_OFFSET';
  return {
    name,
    returnType: (args) =>
      args.length >= 2 && args[1]!.kind === 'INTEGER' ? { kind: 'ARRAY', item: args[0]! } : args[0]!,
    create: (args, literals) => {
      const n = args.length >= 2 && args[1]!.kind === 'INTEGER' ? Number(literals[1]) : undefined;
      const ignoreNullsArg = n === undefined ? literals[1] : literals[2];
      const ignoreNulls =
        ignoreNullsArg === undefined || ignoreNullsArg === null ? true : ignoreNullsArg === true;
      if (n === undefined) {
        return {
          init: () => [false, null],
          add: (acc, [v]) => {
            const [seen] = acc as [boolean, unknown];
            if (v === null && ignoreNulls) return acc;
            if (!latest && seen) return acc;
            return [true, v];
          },
          result: (acc) => (acc as [boolean, unknown])[1],
        };
      }
      return {
        init: () => [],
        add: (acc, [v]) => {
          if (v === null && ignoreNulls) return acc;
          const list = acc as unknown[];
          if (latest) return [...list, v].slice(-n);
          return list.length >= n ? list : [...list, v];
        },
        result: (acc) => acc,
      };
    },
  };
}

const collectList: AggregateDef = {
  name: 'COLLECT_LIST',
  returnType: ([t]) => ({ kind: 'ARRAY', item: t! }),
  create: (_args, literals) => {
    const limit = Number(literals.at(-1) ?? 1000);
    return {
      init: () => [],
      add: (acc, [v]) => ((acc as unknown[]).length >= limit ? acc : [...(acc as unknown[]), v]),
      undo: (acc, [v]) => {
        const list = [...(acc as unknown[])];
        const i = list.findIndex((x) => x === v || (x !== null && v !== null && String(x) === String(v)));
        if (i >= 0) list.splice(i, 1);
        return list;
      },
      result: (acc) => acc,
    };
  },
};

const collectSet: AggregateDef = {
  name: 'COLLECT_SET',
  returnType: ([t]) => ({ kind: 'ARRAY', item: t! }),
  create: () => ({
    init: () => [],
    add: (acc, [v]) =>
      (acc as unknown[]).some((x) => String(x) === String(v)) ? acc : [...(acc as unknown[]), v],
    result: (acc) => acc,
  }),
};

const countDistinct: AggregateDef = {
  name: 'COUNT_DISTINCT',
  returnType: () => T.BIGINT,
  create: () => ({
    init: () => [],
    add: (acc, [v]) =>
      v === null || (acc as string[]).includes(String(v)) ? acc : [...(acc as string[]), String(v)],
    result: (acc) => BigInt((acc as string[]).length),
  }),
};

function topk(distinct: boolean): AggregateDef {
  return {
    name: distinct ? 'TOPKDISTINCT' : 'TOPK',
    complexState: true,
    returnType: ([t]) => ({ kind: 'ARRAY', item: t! }),
    create: (_args, literals) => {
      const k = Number(literals[1]);
      return {
        init: () => [],
        add: (acc, [v]) => {
          if (v === null) return acc;
          let list = acc as unknown[];
          if (distinct && list.some((x) => compare(x, v) === 0)) return acc;
          list = [...list, v].sort((a, b) => -compare(a, b));
          return list.slice(0, k);
        },
        result: (acc) => acc,
      };
    },
  };
}

const histogram: AggregateDef = {
  name: 'HISTOGRAM',
  returnType: () => ({ kind: 'MAP', key: T.STRING, value: T.BIGINT }),
  create: () => ({
    init: () => new Map<string, bigint>(),
    add: (acc, [v]) => {
      if (v === null) return acc;
      const m = new Map(acc as Map<string, bigint>);
      m.set(String(v), (m.get(String(v)) ?? 0n) + 1n);
      return m;
    },
    undo: (acc, [v]) => {
      if (v === null) return acc;
      const m = new Map(acc as Map<string, bigint>);
      const c = (m.get(String(v)) ?? 0n) - 1n;
      if (c <= 0n) m.delete(String(v));
      else m.set(String(v), c);
      return m;
    },
    result: (acc) => acc,
  }),
};

const AGGREGATES = new Map<string, AggregateDef>(
  [
    count,
    sum,
    sumList,
    avg,
    minMax('MIN'),
    minMax('MAX'),
    byOffset('LATEST_BY_OFFSET'),
    byOffset('EARLIEST_BY_OFFSET'),
    collectList,
    collectSet,
    countDistinct,
    topk(false),
    topk(true),
    histogram,
  ].map((a) => [a.name, a]),
);

/** The aggregate named `name` (upper case), if it is one. */
export function aggregateFunction(name: string): AggregateDef | undefined {
  return AGGREGATES.get(name);
}

/** Stream-only aggregates: no undo, so a table source cannot use them. */
export function isStreamOnly(name: string): boolean {
  const def = AGGREGATES.get(name);
  if (def === undefined) return false;
  return def.create([T.STRING, T.INTEGER], [null, 1]).undo === undefined;
}
