/**
 * Scalar functions: name → result type and implementation. Nulls in → null out unless a function
 * says otherwise. A thrown error becomes a processing-log entry and a null result.
 */
import { KsqlTypeError } from './type-error.js';
import { type SqlType, T } from './types.js';
import { Decimal } from './values.js';

export interface ScalarDef {
  returnType(args: SqlType[]): SqlType;
  impl(args: unknown[], types: SqlType[]): unknown;
  /** Called with null arguments too (COALESCE, IFNULL, CONCAT). */
  nullTolerant?: boolean;
  /**
   * A fresh implementation for each call site of each query, for a function that keeps state
   * between calls (ksqlDB instantiates a UDF per use); `impl` is used when absent.
   */
  instance?(): ScalarDef['impl'];
}

const num = (v: unknown): number =>
  typeof v === 'bigint' ? Number(v) : v instanceof Decimal ? v.toNumber() : (v as number);
const same = (a: SqlType[]): SqlType => a[0] ?? T.STRING;

function pad2(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Formats epoch millis with a (subset of) Java DateTimeFormatter pattern, UTC. */
export function formatTimestamp(ms: number, pattern: string): string {
  const d = new Date(ms);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    MM: pad2(d.getUTCMonth() + 1),
    dd: pad2(d.getUTCDate()),
    HH: pad2(d.getUTCHours()),
    mm: pad2(d.getUTCMinutes()),
    ss: pad2(d.getUTCSeconds()),
    SSS: pad2(d.getUTCMilliseconds(), 3),
  };
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (pattern[i] === 'Z') {
      out += '+0000';
      i++;
      continue;
    }
    if (pattern[i] === 'X') {
      out += 'Z';
      i++;
      continue;
    }
    const key = ['yyyy', 'SSS', 'MM', 'dd', 'HH', 'mm', 'ss'].find((k) => pattern.startsWith(k, i));
    if (key !== undefined) {
      out += parts[key];
      i += key.length;
    } else {
      out += pattern[i];
      i++;
    }
  }
  return out;
}

const FUNCTIONS: Record<string, ScalarDef> = {
  SUBSTRING: {
    returnType: () => T.STRING,
    impl: ([s, pos, len]) => {
      const str = s as string;
      let p = num(pos);
      p = p > 0 ? p - 1 : p < 0 ? str.length + p : 0;
      return len === undefined ? str.slice(p) : str.slice(p, p + num(len));
    },
  },
  LEN: { returnType: () => T.INTEGER, impl: ([s]) => (Buffer.isBuffer(s) ? s.length : (s as string).length) },
  LENGTH: { returnType: () => T.INTEGER, impl: ([s]) => (s as string).length },
  UCASE: { returnType: () => T.STRING, impl: ([s]) => (s as string).toUpperCase() },
  UPPER: { returnType: () => T.STRING, impl: ([s]) => (s as string).toUpperCase() },
  LCASE: { returnType: () => T.STRING, impl: ([s]) => (s as string).toLowerCase() },
  LOWER: { returnType: () => T.STRING, impl: ([s]) => (s as string).toLowerCase() },
  TRIM: { returnType: () => T.STRING, impl: ([s]) => (s as string).trim() },
  INITCAP: {
    returnType: () => T.STRING,
    impl: ([s]) =>
      (s as string)
        .split(' ')
        .map((w) => (w.length ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
        .join(' '),
  },
  CONCAT: {
    nullTolerant: true,
    returnType: () => T.STRING,
    impl: (args) =>
      args
        .filter((a) => a !== null)
        .map(String)
        .join(''),
  },
  ABS: {
    returnType: same,
    impl: ([v]) =>
      typeof v === 'bigint'
        ? v < 0n
          ? -v
          : v
        : v instanceof Decimal
          ? new Decimal(v.unscaled < 0n ? -v.unscaled : v.unscaled, v.scale)
          : Math.abs(v as number),
  },
  FLOOR: {
    returnType: same,
    impl: ([v]) =>
      typeof v === 'number'
        ? Math.floor(v)
        : v instanceof Decimal
          ? Decimal.fromNumber(Math.floor(v.toNumber())).withScale(v.scale)
          : v,
  },
  CEIL: {
    returnType: same,
    impl: ([v]) =>
      typeof v === 'number'
        ? Math.ceil(v)
        : v instanceof Decimal
          ? Decimal.fromNumber(Math.ceil(v.toNumber())).withScale(v.scale)
          : v,
  },
  ROUND: {
    returnType: (a) => (a[0]?.kind === 'DOUBLE' && a.length === 1 ? T.BIGINT : same(a)),
    impl: ([v, d], types) => {
      if (types[0]?.kind === 'DOUBLE' && d === undefined) return BigInt(Math.round(v as number));
      const f = 10 ** num(d ?? 0);
      return typeof v === 'number' ? Math.round(v * f) / f : v;
    },
  },
  EXP: { returnType: () => T.DOUBLE, impl: ([v]) => Math.exp(num(v)) },
  SQRT: { returnType: () => T.DOUBLE, impl: ([v]) => Math.sqrt(num(v)) },
  LN: { returnType: () => T.DOUBLE, impl: ([v]) => Math.log(num(v)) },
  AS_VALUE: { returnType: same, impl: ([v]) => v, nullTolerant: true },
  COALESCE: { nullTolerant: true, returnType: same, impl: (args) => args.find((a) => a !== null) ?? null },
  IFNULL: { nullTolerant: true, returnType: same, impl: ([a, b]) => (a === null ? (b ?? null) : a) },
  TIMESTAMPTOSTRING: {
    returnType: () => T.STRING,
    impl: ([ms, pattern]) => formatTimestamp(num(ms), pattern as string),
  },
  UNIX_TIMESTAMP: { returnType: () => T.BIGINT, impl: () => BigInt(Date.now()) },
  EXTRACTJSONFIELD: {
    returnType: () => T.STRING,
    impl: ([json, path]) => {
      let v: unknown = JSON.parse(json as string);
      for (const part of (path as string)
        .replace(/^\$\.?/, '')
        .split('.')
        .filter(Boolean)) {
        if (v === null || typeof v !== 'object') return null;
        v = (v as Record<string, unknown>)[part];
      }
      if (v === undefined || v === null) return null;
      return typeof v === 'string' ? v : JSON.stringify(v);
    },
  },
  ARRAY_LENGTH: { returnType: () => T.INTEGER, impl: ([a]) => (a as unknown[]).length },
};

/**
 * Adds a user-defined scalar function for every engine of this process (as ksqlDB loads UDFs from
 * its extension directory at start-up). Built-in functions cannot be replaced.
 */
export function registerScalarFunction(name: string, def: ScalarDef): void {
  const upper = name.toUpperCase();
  if (Object.hasOwn(FUNCTIONS, upper)) throw new Error(`a function named ${upper} already exists`);
  FUNCTIONS[upper] = def;
}

/** The scalar function `name` or a ksqlDB-style error. */
export function scalarFunction(name: string): ScalarDef {
  const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (f === undefined) throw new KsqlTypeError(`Can't find any functions with the name '${name}'`);
  return f;
}
