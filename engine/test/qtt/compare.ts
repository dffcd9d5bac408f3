/**
 * The QTT record comparator (Java `ExpectedRecordComparator`): objects match field by field (the
 * actual field looked up by name, then upper-cased), numbers by value (exact for integers, 1e-6 for
 * non-integers), an expected string also matches a number with the same text (DECIMAL); a missing
 * field reads as null, as Java's Map.get.
 */
import { isLosslessNumber } from 'lossless-json';

function numText(v: unknown): string | undefined {
  if (isLosslessNumber(v)) return (v as { value: string }).value;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

const integral = (s: string) => /^-?\d+$/.test(s);

export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  const en = numText(expected);
  if (en !== undefined) {
    const an = numText(actual);
    if (an === undefined) return typeof actual === 'string' && actual === en;
    if (integral(en) && integral(an)) return BigInt(en) === BigInt(an);
    return Math.abs(Number(en) - Number(an)) < 1e-6 || Number(en) === Number(an);
  }
  if (typeof expected === 'string') {
    if (typeof actual === 'string') return actual === expected;
    const an = numText(actual);
    return an !== undefined && an === expected;
  }
  if (typeof expected === 'boolean') return actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(e, actual[i]))
    );
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual)) return false;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    if (Object.keys(e).length !== Object.keys(a).length) return false;
    // As Java's Map.get: a missing field reads as null (then the upper-cased name is tried), so an
    // expected null matches a field of another name when the field counts agree.
    const get = (name: string) => (Object.hasOwn(a, name) ? a[name] : undefined);
    return Object.entries(e).every(([k, v]) => matches(v, get(k) ?? get(k.toUpperCase())));
  }
  return false;
}
