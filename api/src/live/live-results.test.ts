import { eventually } from '@tally/testkit';
import { describe, expect, it } from 'vitest';
import type { TableName } from '../domain/tables.js';
import type { Candidate } from '../domain/types.js';
import { FakeTable } from './fake-table.test-support.js';
import { type CandidateSource, LiveResults } from './live-results.js';

function candidates(list: Candidate[] = []): CandidateSource & { set(list: Candidate[]): void } {
  const listeners = new Set<() => void>();
  let current = list;
  let version = 0;
  return {
    current: () => current,
    get version() {
      return version;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      current = next;
      version += 1;
      for (const listener of listeners) listener();
    },
  };
}

function setup() {
  const feeds = new Map<TableName, FakeTable>();
  const register = candidates();
  const live = new LiveResults({
    feedFor: (table) => {
      const feed = new FakeTable(table, 'CANDIDATE_ID');
      feeds.set(table, feed);
      return feed;
    },
    candidates: register,
    settleSnapshotMs: 0,
  });
  return { feeds, register, live };
}

describe('LiveResults', () => {
  it('starts one view per table however many subscribers, and computes once per change', async () => {
    const { feeds, live } = setup();
    let computations = 0;
    const compute = (input: { tables: { VOTES_PER_CANDIDATE?: readonly unknown[] } }) => {
      computations += 1;
      return input.tables.VOTES_PER_CANDIDATE?.length ?? 0;
    };
    const streams = Array.from({ length: 50 }, () => live.watch('count', ['VOTES_PER_CANDIDATE'], compute));
    expect(await Promise.all(streams.map((s) => s.next()))).toEqual(
      Array(50).fill({ done: false, value: 0 }),
    );
    expect(feeds.get('VOTES_PER_CANDIDATE')!.pushQueriesStarted).toBe(1);
    expect(computations).toBe(1);
    const pending = streams.map((s) => s.next());
    feeds.get('VOTES_PER_CANDIDATE')!.upsert({ CANDIDATE_ID: 'cand-1', VOTES: 1 });
    expect(await Promise.all(pending)).toEqual(Array(50).fill({ done: false, value: 1 }));
    expect(computations).toBe(2);
    await Promise.all(streams.map((s) => s.return?.()));
    await live.close();
  });

  it('sends subscribers the new state when the candidates register changes, not an unchanged one', async () => {
    const { register, live } = setup();
    const stream = live.watch('names', ['VOTES_PER_CANDIDATE'], (input) => input.candidates.map((c) => c.id));
    expect((await stream.next()).value).toEqual([]);
    const next = stream.next();
    register.set([]); // same content: nothing sent
    register.set([{ id: 'cand-1', name: 'A', party: 'P', photoUrl: '' }]);
    expect((await next).value).toEqual(['cand-1']);
    await stream.return?.();
    await live.close();
  });

  it('waits for every table of a computation to be loaded', async () => {
    const { feeds, live } = setup();
    const stream = live.watch('both', ['VOTES_BY_GENDER', 'VOTES_BY_AGE_BAND'], (input) =>
      Object.keys(input.tables),
    );
    const first = stream.next();
    await eventually(() => expect(feeds.size).toBe(2));
    expect((await first).value).toEqual(['VOTES_BY_GENDER', 'VOTES_BY_AGE_BAND']);
    await stream.return?.();
    await live.close();
  });
});
