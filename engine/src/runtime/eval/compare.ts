/** Comparison and equality across SQL value representations (number, bigint, Decimal, ...). */
import { Decimal } from '../../analyzer/index.js';

function toDecimal(v: unknown): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'bigint') return new Decimal(v, 0);
  return Decimal.fromNumber(v as number);
}

/** -1/0/1, or NaN-free ordering of two non-null values of compatible types. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Decimal || b instanceof Decimal) {
    if (typeof a === 'number' && !Number.isInteger(a)) return Math.sign(a - (b as Decimal).toNumber());
    if (typeof b === 'number' && !Number.isInteger(b)) return Math.sign((a as Decimal).toNumber() - b);
    return toDecimal(a).compare(toDecimal(b));
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = typeof a === 'bigint' ? a : Number.isInteger(a) ? BigInt(a as number) : undefined;
    const y = typeof b === 'bigint' ? b : Number.isInteger(b) ? BigInt(b as number) : undefined;
    if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
    return Math.sign(Number(a) - Number(b));
  }
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Deep equality (structs, arrays, maps included). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !valuesEqual(v, b.get(k))) return false;
    return true;
  }
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    !(a instanceof Decimal) &&
    !(b instanceof Decimal) &&
    !Buffer.isBuffer(a)
  ) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return (
      ka.length === kb.length &&
      ka.every((k) => valuesEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return compareValues(a, b) === 0;
}

/** A stable string for grouping and map keys. */
export function valueKey(v: unknown): string {
  if (Array.isArray(v) && v.length === 1) {
    const x = v[0];
    if (typeof x === 'string') return JSON.stringify(v);
    if (typeof x === 'number' && Number.isFinite(x)) return `[${x}]`;
  }
  return JSON.stringify(v, (_k, x) =>
    typeof x === 'bigint'
      ? `${x}n`
      : x instanceof Decimal
        ? `${x.toString()}d`
        : x instanceof Map
          ? [...x]
          : x,
  );
}
