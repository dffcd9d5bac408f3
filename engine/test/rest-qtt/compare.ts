import { isLosslessNumber, stringify } from 'lossless-json';

/** Compact text of a parsed (lossless) JSON value, for failure reasons. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : (stringify(value) ?? String(value));
}

/**
 * README §8 partial match: every key of `expected` must exist in `actual` with a matching value,
 * recursively; arrays element-wise; numbers by their lexeme (`10` ≠ `10.0`).
 */
export function partial(expected: unknown, actual: unknown): boolean {
  if (isLosslessNumber(expected) || isLosslessNumber(actual)) return show(expected) === show(actual);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => partial(e, actual[i]))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const object = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => key in object && partial(value, object[key]));
  }
  return expected === actual;
}

/**
 * A `/query` response against its expectation: same element count, each element partially
 * matched, but `row.columns` compared as a multiset over the response unless `verifyOrder`.
 * Returns the reason of the first difference.
 */
export function compareQuery(
  expected: unknown[],
  actual: unknown[],
  verifyOrder: boolean,
): string | undefined {
  if (expected.length !== actual.length) {
    return `expected ${expected.length} elements, got ${actual.length}: ${actual.map(show).join(' ')}`;
  }
  const expectedRows: unknown[] = [];
  const actualRows: unknown[] = [];
  for (let i = 0; i < expected.length; i += 1) {
    const e = expected[i] as Record<string, unknown>;
    const a = (actual[i] ?? {}) as Record<string, unknown>;
    if (e !== null && typeof e === 'object' && 'row' in e) {
      const { columns: expectedColumns, ...expectedRest } = e['row'] as Record<string, unknown>;
      const { columns: actualColumns, ...actualRest } = (a['row'] ?? {}) as Record<string, unknown>;
      if (!partial(expectedRest, actualRest)) return `element ${i}: expected ${show(e)}, got ${show(a)}`;
      expectedRows.push(expectedColumns);
      actualRows.push(actualColumns);
    } else if (!partial(e, a)) {
      return `element ${i}: expected ${show(e)}, got ${show(a)}`;
    }
  }
  if (verifyOrder) {
    const i = expectedRows.findIndex((row, index) => !partial(row, actualRows[index]));
    return i < 0 ? undefined : `row ${i}: expected ${show(expectedRows[i])}, got ${show(actualRows[i])}`;
  }
  const remaining = [...actualRows];
  for (const row of expectedRows) {
    const j = remaining.findIndex((candidate) => partial(row, candidate));
    if (j < 0) return `row ${show(row)} not found in ${remaining.map(show).join(' ')}`;
    remaining.splice(j, 1);
  }
  return undefined;
}
