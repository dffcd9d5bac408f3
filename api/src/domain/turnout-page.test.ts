import { describe, expect, it } from 'vitest';
import { GraphQLError } from '../graphql-js.js';
import { pageTurnout } from './turnout-page.js';
import type { StateTurnout } from './types.js';

function state(code: string, name: string, votes: number, registered: number): StateTurnout {
  return {
    code,
    name,
    votes,
    registeredVoters: registered,
    turnoutPercent: registered ? Math.round((votes / registered) * 10_000) / 100 : 0,
    leader: null,
    results: [],
  };
}

const states = [
  state('CA', 'California', 50, 100),
  state('NY', 'New York', 30, 100),
  state('OH', 'Ohio', 30, 50),
  state('TX', 'Texas', 10, 100),
  state('NV', 'Nevada', 0, 0),
];

function codes(connection: ReturnType<typeof pageTurnout>): string[] {
  return connection.edges.map((edge) => edge.node.code);
}

function errorOf(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a GraphQLError');
}

describe('pageTurnout', () => {
  it('sorts by code by default and pages with opaque cursors', () => {
    const first = pageTurnout(states, { first: 2 });
    expect(codes(first)).toEqual(['CA', 'NV']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(5);
    const second = pageTurnout(states, { first: 2, after: first.pageInfo.endCursor });
    expect(codes(second)).toEqual(['NY', 'OH']);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const last = pageTurnout(states, { first: 2, after: second.pageInfo.endCursor });
    expect(codes(last)).toEqual(['TX']);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('sorts by a numeric field descending, ties by code', () => {
    const page = pageTurnout(states, { first: 10, orderBy: { field: 'VOTES', direction: 'DESC' } });
    expect(codes(page)).toEqual(['CA', 'NY', 'OH', 'TX', 'NV']);
    const byTurnout = pageTurnout(states, { first: 10, orderBy: { field: 'TURNOUT', direction: 'DESC' } });
    expect(codes(byTurnout)).toEqual(['OH', 'CA', 'NY', 'TX', 'NV']);
  });

  it('keeps its place when the state under the cursor changes between pages', () => {
    const order = { field: 'VOTES', direction: 'DESC' } as const;
    const first = pageTurnout(states, { first: 2, orderBy: order });
    const moved = states.map((s) => (s.code === 'NY' ? state('NY', 'New York', 99, 100) : s));
    expect(codes(pageTurnout(moved, { first: 2, orderBy: order, after: first.pageInfo.endCursor }))).toEqual([
      'OH',
      'TX',
    ]);
  });

  it('filters by code or name and by minimum turnout', () => {
    expect(codes(pageTurnout(states, { filter: { search: 'new' } }))).toEqual(['NY']);
    expect(codes(pageTurnout(states, { filter: { search: 'tx' } }))).toEqual(['TX']);
    expect(codes(pageTurnout(states, { filter: { minTurnoutPercent: 50 } }))).toEqual(['CA', 'OH']);
  });

  it('rejects out-of-range arguments with clear errors', () => {
    expect(errorOf(() => pageTurnout(states, { first: 0 })).message).toBe(
      'Expected first between 1 and 60, found 0.',
    );
    expect(errorOf(() => pageTurnout(states, { first: 61 })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
    expect(errorOf(() => pageTurnout(states, { after: 'garbage' })).message).toMatch(/Expected an endCursor/);
    expect(errorOf(() => pageTurnout(states, { filter: { minTurnoutPercent: 101 } })).message).toMatch(
      /between 0 and 100, found 101/,
    );
  });

  it('refuses a cursor made for another sort order', () => {
    const cursor = pageTurnout(states, { first: 1 }).pageInfo.endCursor;
    const error = errorOf(() =>
      pageTurnout(states, { after: cursor, orderBy: { field: 'VOTES', direction: 'ASC' } }),
    );
    expect(error.message).toMatch(/Expected a cursor made for orderBy \{field: VOTES/);
  });
});
