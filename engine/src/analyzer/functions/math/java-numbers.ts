/**
 * Java's numeric semantics where JavaScript's differ: 32- and 64-bit wrap-around, `(long)` casts of
 * doubles, `Math.round`, and the total orderings `Double.compareTo` and `ByteBuffer.compareTo` —
 * ksqlDB's functions are Java methods, so their edge cases (Integer.MIN_VALUE, NaN, -0.0, bytes
 * above 0x7f) follow these rules.
 */

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** An INT result wrapped to 32 bits, as Java's `int` arithmetic. */
export const wrapInt = (v: number): number => v | 0;

/** A BIGINT result wrapped to 64 bits, as Java's `long` arithmetic. */
export const wrapLong = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Java's `(long) d`: towards zero, NaN → 0, saturating at Long.MIN_VALUE / MAX_VALUE. */
export function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 2 ** 63) return LONG_MAX;
  if (d <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's `Math.round(double)`: the nearest long, ties towards positive infinity. */
export const javaRound = (d: number): bigint => doubleToLong(Math.round(d));

/** Java's `Double.compareTo`: -0.0 below 0.0, NaN above everything (and equal to itself). */
export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return a !== 0 ? 0 : Object.is(a, -0) === Object.is(b, -0) ? 0 : Object.is(a, -0) ? -1 : 1;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

/** Java's `ByteBuffer.compareTo`: bytes compared as signed values, then the shorter first. */
export function compareBytes(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = (a[i]! << 24) >> 24;
    const y = (b[i]! << 24) >> 24;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
}
