/**
 * EXPLODE and CUBE_EXPLODE. EXPLODE emits each element of an array (a null or empty array emits
 * nothing). CUBE_EXPLODE emits every combination of an array's elements with some replaced by
 * NULL — 2^n arrays, from all-NULL up to the array itself, the first element varying slowest;
 * a null element gives no separate combination for being "kept" (its copies would be duplicates).
 */
import { type ScalarFunctionSpec, scalar } from '../functions/index.js';
import type { SqlType } from '../types.js';

const elementType = ([t]: SqlType[]): SqlType => (t?.kind === 'ARRAY' ? t.item : t!);

/** The cube of one array, in ksqlDB's order. */
export function cube(list: readonly unknown[]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const v of list) {
    const next: unknown[][] = [];
    for (const prefix of out) {
      next.push([...prefix, null]);
      if (v !== null) next.push([...prefix, v]);
    }
    out = next;
  }
  return out;
}

export const explodeFunctions: ScalarFunctionSpec[] = [
  scalar('explode', 'TABLE', 'Explodes an array: one output row for each of its elements.', [
    { params: ['ARRAY<DECIMAL> input'], returns: elementType, impl: ([list]) => list },
    { params: ['ARRAY<T> list'], returns: 'T', impl: ([list]) => list },
  ]),
  scalar(
    'cube_explode',
    'TABLE',
    'Returns one output row for each combination of the array elements kept or replaced by NULL.',
    [{ params: ['ARRAY<T> list'], returns: 'ARRAY<T>', impl: ([list]) => cube(list as unknown[]) }],
  ),
];
