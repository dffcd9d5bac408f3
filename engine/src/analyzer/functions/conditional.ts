/**
 * Null handling and conditional functions (COALESCE, IFNULL, NULLIF) and AS_VALUE. They take any
 * type T (every argument the same type) and see null arguments. NULLIF compares with Java's
 * `equals`, as ksqlDB does: a DECIMAL's scale counts (1.0 ≠ 1.00), NaN equals NaN, -0.0 ≠ 0.0,
 * and arrays, maps and structs compare element by element.
 */
import { Decimal, isStruct } from '../values.js';
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

/** Java's `Object.equals` over SQL values (both non-null). */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a instanceof Decimal && b instanceof Decimal) return a.scale === b.scale && a.unscaled === b.unscaled;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => javaEquals(x, b[i]));
  if (a instanceof Map && b instanceof Map)
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && javaEquals(v, b.get(k)));
  if (isStruct(a) && isStruct(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && javaEquals(a[k], b[k]));
  }
  return a === b;
}

export const conditionalFunctions: ScalarFunctionSpec[] = [
  scalar('COALESCE', 'CONDITIONAL', 'Returns first non-null element', [
    {
      params: ['T first', '...T others'],
      returns: 'T',
      nullTolerant: true,
      impl: (args) => args.find((a) => a !== null) ?? null,
    },
  ]),
  scalar('IFNULL', 'CONDITIONAL', 'Returns expression if NOT NULL, otherwise the alternative value', [
    {
      params: ['T expression', 'T altValue'],
      returns: 'T',
      nullTolerant: true,
      impl: ([a, b]) => (a === null ? (b ?? null) : a),
    },
  ]),
  scalar(
    'NULLIF',
    'CONDITIONAL',
    'Returns NULL if value1 and value2 are equal. Otherwise it returns value1.',
    [
      {
        params: ['T expr1', 'T expr2'],
        returns: 'T',
        nullTolerant: true,
        impl: ([a, b]) => (a === null || b === null ? (a ?? null) : javaEquals(a, b) ? null : a),
      },
    ],
  ),
  scalar('as_value', 'OTHER', 'Copies a key column into the value of the result.', [
    { params: ['T source'], returns: 'T', nullTolerant: true, impl: ([v]) => v },
  ]),
];
