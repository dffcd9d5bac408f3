/**
 * Array functions (ksqlDB's function reference, "Array functions"): length, membership, the set
 * functions (distinct / except / intersect / union keep first-seen order and drop repeats, as
 * ksqlDB's LinkedHashSet does), concatenation, removal, joining to text, min / max / sort in the
 * elements' natural order (nulls ignored, or sorted last), SLICE and GENERATE_SERIES.
 */
import { javaDouble } from '../java-double.js';
import type { SqlType } from '../types.js';
import type { Decimal } from '../values.js';
import { distinct, keySet, naturalCompare, sqlEquals, valueKey } from './collection-values.js';
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { JsonNumber } from './json/json-node.js';
import { num } from './numbers.js';

type List = unknown[];

/** Both arrays, or null when either is null (ARRAY_EXCEPT / INTERSECT / UNION). */
function setFunction(
  name: string,
  description: string,
  combine: (left: List, right: List) => List,
): ScalarFunctionSpec {
  return scalar(name, 'ARRAY', description, [
    {
      params: ['ARRAY<T> left', 'ARRAY<T> right'],
      returns: 'ARRAY<T>',
      impl: ([l, r]) => combine(l as List, r as List),
    },
  ]);
}

/** The largest (sign 1) or smallest (sign -1) non-null element, or null. */
function extreme(list: List, sign: 1 | -1): unknown {
  let best: unknown = null;
  for (const v of list) if (v !== null && (best === null || naturalCompare(v, best) * sign > 0)) best = v;
  return best;
}

/** The element as Java's `toString` writes it in ARRAY_JOIN; only primitive elements are allowed. */
function joinText(v: unknown, item: SqlType): string {
  if (v === null) return 'null';
  switch (item.kind) {
    case 'DOUBLE':
      return javaDouble(v as number);
    case 'DECIMAL':
      // Java's BigDecimal.toString: scientific notation for very small values.
      return new JsonNumber((v as Decimal).unscaled, (v as Decimal).scale, false).toString();
    case 'BOOLEAN':
    case 'INTEGER':
    case 'BIGINT':
    case 'STRING':
      return String(v);
    default:
      throw new Error(`error: hit element of type ${item.kind} which is currently not supported`);
  }
}

const SORT_DIRECTIONS: Record<string, 1 | -1> = { ASC: 1, ASCENDING: 1, DESC: -1, DESCENDING: -1 };

/** ARRAY_SORT: natural order in `direction`, nulls last; an unknown direction gives null. */
function sortArray(list: List, direction: string): List | null {
  const sign = SORT_DIRECTIONS[direction.toUpperCase()];
  if (sign === undefined) return null;
  return [...list].sort((a, b) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : naturalCompare(a, b) * sign,
  );
}

/** GENERATE_SERIES over numbers (INT) or bigints (BIGINT): `start` to `end` inclusive by `step`. */
function series<N extends number | bigint>(start: N, end: N, step: N | undefined): N[] {
  const zero = (typeof start === 'bigint' ? 0n : 0) as N;
  const one = (typeof start === 'bigint' ? 1n : 1) as N;
  const by = step ?? ((end > start ? one : -one) as N);
  if (by === zero || Number(by) === 0) throw new Error('GENERATE_SERIES step cannot be zero');
  if ((end > start && by < zero) || (end < start && by > zero))
    throw new Error('GENERATE_SERIES step has wrong sign');
  const out: N[] = [];
  for (let v = start; by > zero ? v <= end : v >= end; v = ((v as number) + (by as number)) as N) out.push(v);
  return out;
}

/** ksqlDB's array functions (and ELT / FIELD), for the registry. */
export const arrayFunctions: ScalarFunctionSpec[] = [
  scalar('ARRAY_LENGTH', 'ARRAY', 'Returns the number of elements of an array.', [
    { params: ['ARRAY<T> array'], returns: 'INT', impl: ([a]) => (a as List).length },
  ]),
  scalar('ARRAY_CONTAINS', 'ARRAY', 'Returns true if the array is non-null and contains the value.', [
    {
      params: ['ARRAY<T> array', 'T val'],
      returns: 'BOOLEAN',
      nullTolerant: true,
      impl: ([a, v]) => a !== null && (a as List).some((x) => sqlEquals(x, v)),
    },
  ]),
  scalar(
    'array_concat',
    'ARRAY',
    'Concatenates two arrays; a null array counts as empty unless both are null.',
    [
      {
        params: ['ARRAY<T> left', 'ARRAY<T> right'],
        returns: 'ARRAY<T>',
        nullTolerant: true,
        impl: ([l, r]) =>
          l === null && r === null ? null : [...((l as List) ?? []), ...((r as List) ?? [])],
      },
    ],
  ),
  scalar('array_distinct', 'ARRAY', 'Returns the distinct elements of an array, in first-seen order.', [
    { params: ['ARRAY<T> array'], returns: 'ARRAY<T>', impl: ([a]) => distinct(a as List) },
  ]),
  setFunction(
    'array_except',
    'Returns the distinct elements of the left array that are not in the right one.',
    (l, r) => {
      const drop = keySet(r);
      return distinct(l).filter((v) => !drop.has(valueKey(v)));
    },
  ),
  setFunction('array_intersect', 'Returns the distinct elements that are in both arrays.', (l, r) => {
    const keep = keySet(r);
    return distinct(l).filter((v) => keep.has(valueKey(v)));
  }),
  setFunction('array_union', 'Returns the distinct elements of both arrays.', (l, r) =>
    distinct([...l, ...r]),
  ),
  scalar('array_remove', 'ARRAY', 'Removes every element equal to the value (null removes nulls).', [
    {
      params: ['ARRAY<T> array', 'T victim'],
      returns: 'ARRAY<T>',
      nullTolerant: true,
      impl: ([a, v]) => (a === null ? null : (a as List).filter((x) => !sqlEquals(x, v))),
    },
  ]),
  scalar('ARRAY_JOIN', 'ARRAY', "Joins the array's primitive elements into text, by ',' or a delimiter.", [
    {
      params: ['ARRAY<T> array'],
      returns: 'STRING',
      impl: ([a], call) => joinAll(a as List, ',', call.types[0]!),
    },
    {
      params: ['ARRAY<T> array', 'STRING delimiter'],
      returns: 'STRING',
      nullTolerant: true,
      impl: ([a, d], call) =>
        a === null ? null : joinAll(a as List, (d as string | null) ?? '', call.types[0]!),
    },
  ]),
  scalar('array_max', 'ARRAY', 'Returns the largest non-null element, or null.', [
    { params: ['ARRAY<T> array'], returns: 'T', impl: ([a]) => extreme(a as List, 1) },
  ]),
  scalar('array_min', 'ARRAY', 'Returns the smallest non-null element, or null.', [
    { params: ['ARRAY<T> array'], returns: 'T', impl: ([a]) => extreme(a as List, -1) },
  ]),
  scalar('array_sort', 'ARRAY', 'Sorts an array in natural order (ASC or DESC), nulls last.', [
    { params: ['ARRAY<T> array'], returns: 'ARRAY<T>', impl: ([a]) => sortArray(a as List, 'ASC') },
    {
      params: ['ARRAY<T> array', 'STRING direction'],
      returns: 'ARRAY<T>',
      impl: ([a, d]) => sortArray(a as List, d as string),
    },
  ]),
  scalar('slice', 'ARRAY', 'Returns elements from position `from` to `to` (1-based, inclusive).', [
    {
      params: ['ARRAY<T> in', 'INT from', 'INT to'],
      returns: 'ARRAY<T>',
      nullTolerant: true,
      impl: ([a, from, to]) => {
        if (a === null) return null;
        const list = a as List;
        const start = from === null ? 0 : num(from) - 1;
        const end = to === null ? list.length : num(to);
        // Java's subList: out-of-range bounds are an error, which SLICE turns into null.
        return start < 0 || end > list.length || start > end ? null : list.slice(start, end);
      },
    },
  ]),
  scalar('GENERATE_SERIES', 'ARRAY', 'Returns the numbers from start to end (inclusive), by a step.', [
    {
      params: ['INT start', 'INT end'],
      returns: 'ARRAY<INT>',
      impl: ([s, e]) => series(num(s), num(e), undefined),
    },
    {
      params: ['INT start', 'INT end', 'INT step'],
      returns: 'ARRAY<INT>',
      impl: ([s, e, st]) => series(num(s), num(e), num(st)),
    },
    {
      params: ['BIGINT start', 'BIGINT end'],
      returns: 'ARRAY<BIGINT>',
      impl: ([s, e]) => series(s as bigint, e as bigint, undefined),
    },
    {
      params: ['BIGINT start', 'BIGINT end', 'INT step'],
      returns: 'ARRAY<BIGINT>',
      impl: ([s, e, st]) => series(s as bigint, e as bigint, BigInt(num(st))),
    },
  ]),
];

function joinAll(list: List, delimiter: string, arrayType: SqlType): string {
  const item = arrayType.kind === 'ARRAY' ? arrayType.item : arrayType;
  return list.map((v) => joinText(v, item)).join(delimiter);
}
