/**
 * Map functions (ksqlDB's function reference, "Map functions"): AS_MAP, MAP_KEYS, MAP_VALUES,
 * MAP_UNION, SPLIT_TO_MAP and ENTRIES. ksqlDB's maps behind these have STRING keys.
 */
import type { SqlType } from '../types.js';
import { newStruct } from '../values.js';
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

type SqlMap = Map<unknown, unknown>;

/** ENTRIES' result type: ARRAY<STRUCT<K STRING, V value>>. */
function entriesType(map: SqlType | undefined): SqlType {
  const value = map?.kind === 'MAP' ? map.value : ({ kind: 'STRING' } as SqlType);
  return {
    kind: 'ARRAY',
    item: {
      kind: 'STRUCT',
      fields: [
        { name: 'K', type: { kind: 'STRING' } },
        { name: 'V', type: value },
      ],
    },
  };
}

/** The map's entries as K / V structs, optionally sorted by key. */
function entries(map: SqlMap, sorted: boolean): unknown[] {
  const list = [...map];
  if (sorted) list.sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  return list.map(([k, v]) => {
    const s = newStruct();
    s.K = k;
    s.V = v;
    return s;
  });
}

/** ksqlDB's map functions, for the registry. */
export const mapFunctions: ScalarFunctionSpec[] = [
  scalar('AS_MAP', 'MAP', 'Builds a map from an array of keys and an array of values.', [
    {
      params: ['ARRAY<STRING> keys', 'ARRAY<T> values'],
      returns: 'MAP<STRING, T>',
      impl: ([keys, values]) => {
        const vs = values as unknown[];
        return new Map((keys as unknown[]).map((k, i) => [k, i < vs.length ? vs[i] : null]));
      },
    },
  ]),
  scalar('map_keys', 'MAP', 'Returns the keys of a map.', [
    { params: ['MAP<STRING, T> input'], returns: 'ARRAY<STRING>', impl: ([m]) => [...(m as SqlMap).keys()] },
  ]),
  scalar('map_values', 'MAP', 'Returns the values of a map.', [
    { params: ['MAP<STRING, T> input'], returns: 'ARRAY<T>', impl: ([m]) => [...(m as SqlMap).values()] },
  ]),
  scalar('map_union', 'MAP', "Merges two maps (the second map's values win); null only if both are null.", [
    {
      params: ['MAP<STRING, T> map1', 'MAP<STRING, T> map2'],
      returns: 'MAP<STRING, T>',
      nullTolerant: true,
      impl: ([a, b]) =>
        a === null && b === null ? null : new Map([...((a as SqlMap) ?? []), ...((b as SqlMap) ?? [])]),
    },
  ]),
  scalar(
    'ENTRIES',
    'MAP',
    'Returns the entries of a map as an array of K / V structs, optionally sorted by key.',
    [
      ...['INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'STRING', 'STRUCT'].map((value) => ({
        params: [`MAP<STRING, ${value}> map`, 'BOOLEAN sorted'],
        returns: (args: SqlType[]) => entriesType(args[0]),
        impl: ([m, sorted]: unknown[]) => entries(m as SqlMap, sorted as boolean),
      })),
    ],
  ),
];
