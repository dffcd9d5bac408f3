import { inputError } from '../errors.js';
import type { StateTurnout } from './types.js';

/** Fields turnout can be sorted by (`TurnoutOrderField`). */
export type TurnoutOrderField = 'CODE' | 'NAME' | 'VOTES' | 'REGISTERED' | 'TURNOUT';

/** `TurnoutOrder`. */
export interface TurnoutOrder {
  field: TurnoutOrderField;
  direction: 'ASC' | 'DESC';
}

/** `TurnoutFilter`. */
export interface TurnoutFilter {
  search?: string | null;
  minTurnoutPercent?: number | null;
}

/** Arguments of `Query.turnoutByState`. */
export interface TurnoutPageArgs {
  first?: number | null;
  after?: string | null;
  orderBy?: TurnoutOrder | null;
  filter?: TurnoutFilter | null;
}

/** `TurnoutConnection`. */
export interface TurnoutConnection {
  edges: { cursor: string; node: StateTurnout }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/** Bounds of `first`. */
export const PAGE_SIZE = { min: 1, max: 60, default: 10 } as const;
const MAX_SEARCH_LENGTH = 100;
const DEFAULT_ORDER: TurnoutOrder = { field: 'CODE', direction: 'ASC' };

type SortValue = string | number;

function sortValue(state: StateTurnout, field: TurnoutOrderField): SortValue {
  switch (field) {
    case 'CODE':
      return state.code;
    case 'NAME':
      return state.name;
    case 'VOTES':
      return state.votes;
    case 'REGISTERED':
      return state.registeredVoters;
    case 'TURNOUT':
      return state.turnoutPercent;
  }
}

function compareKeys(order: TurnoutOrder, a: [SortValue, string], b: [SortValue, string]): number {
  const [va, ca] = a;
  const [vb, cb] = b;
  const byValue =
    typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
  const signed = order.direction === 'DESC' ? -byValue : byValue;
  return signed || ca.localeCompare(cb);
}

/** Keeps the states matching `filter` (validated). */
export function filterTurnout(states: readonly StateTurnout[], filter: TurnoutFilter | null | undefined) {
  const search = filter?.search?.trim().toLowerCase() ?? '';
  if (search.length > MAX_SEARCH_LENGTH)
    throw inputError(
      'filter.search',
      `Expected filter.search of at most ${MAX_SEARCH_LENGTH} characters, found ${search.length}.`,
    );
  const min = filter?.minTurnoutPercent;
  if (min !== null && min !== undefined && !(min >= 0 && min <= 100))
    throw inputError(
      'filter.minTurnoutPercent',
      `Expected filter.minTurnoutPercent between 0 and 100, found ${min}.`,
    );
  return states.filter(
    (state) =>
      (search === '' ||
        state.code.toLowerCase().includes(search) ||
        state.name.toLowerCase().includes(search)) &&
      (min === null || min === undefined || state.turnoutPercent >= min),
  );
}

/** Sorts states by `orderBy` (code ascending by default), ties by code. */
export function sortTurnout(states: readonly StateTurnout[], orderBy: TurnoutOrder | null | undefined) {
  const order = orderBy ?? DEFAULT_ORDER;
  return [...states].sort((a, b) =>
    compareKeys(order, [sortValue(a, order.field), a.code], [sortValue(b, order.field), b.code]),
  );
}

/**
 * An opaque cursor: the position of a state in one sort order (its sort value and code), so the
 * next page starts right after it even if states moved or vanished since.
 */
export function encodeCursor(order: TurnoutOrder, state: StateTurnout): string {
  const payload = { f: order.field, d: order.direction, v: sortValue(state, order.field), c: state.code };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodeCursor(cursor: string, order: TurnoutOrder): [SortValue, string] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const p = payload as { f?: unknown; d?: unknown; v?: unknown; c?: unknown } | undefined;
  if (
    !p ||
    typeof p !== 'object' ||
    typeof p.c !== 'string' ||
    (typeof p.v !== 'string' && typeof p.v !== 'number')
  )
    throw inputError(
      'after',
      `Expected an endCursor of a previous page as after, found "${cursor.slice(0, 40)}".`,
    );
  if (p.f !== order.field || p.d !== order.direction)
    throw inputError(
      'after',
      `Expected a cursor made for orderBy {field: ${order.field}, direction: ${order.direction}}, found one for {field: ${String(p.f)}, direction: ${String(p.d)}}.`,
    );
  return [p.v, p.c];
}

/** One page of the sorted, filtered states (`Query.turnoutByState`), arguments validated. */
export function pageTurnout(states: readonly StateTurnout[], args: TurnoutPageArgs): TurnoutConnection {
  const first = args.first ?? PAGE_SIZE.default;
  if (!Number.isInteger(first) || first < PAGE_SIZE.min || first > PAGE_SIZE.max)
    throw inputError(
      'first',
      `Expected first between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}, found ${first}.`,
    );
  const order = args.orderBy ?? DEFAULT_ORDER;
  const sorted = sortTurnout(filterTurnout(states, args.filter), order);
  let start = 0;
  if (args.after !== null && args.after !== undefined) {
    const after = decodeCursor(args.after, order);
    start = sorted.findIndex(
      (state) => compareKeys(order, [sortValue(state, order.field), state.code], after) > 0,
    );
    if (start < 0) start = sorted.length;
  }
  const edges = sorted
    .slice(start, start + first)
    .map((node) => ({ cursor: encodeCursor(order, node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: sorted.length,
  };
}
