import { eventually } from '@tally/testkit';
import { describe, expect, it } from 'vitest';
import { FakeTable } from './fake-table.test-support.js';
import { LiveView } from './live-view.js';

function votesOf(view: LiveView): Record<string, unknown> {
  return Object.fromEntries(view.values().map((row) => [String(row['STATE']), row['VOTES']]));
}

function start(feed: FakeTable) {
  const view = new LiveView({
    feed,
    keyColumns: ['STATE'],
    settleSnapshotMs: 0,
    backoff: { initialMs: 1, maxMs: 5 },
  });
  view.start();
  return view;
}

describe('LiveView', () => {
  it('loads a snapshot, then applies upserts and tombstones from the push query', async () => {
    const feed = new FakeTable('TURNOUT_BY_STATE', 'STATE');
    feed.upsert({ STATE: 'OH', VOTES: 1 });
    const view = start(feed);
    await view.whenReady();
    expect(votesOf(view)).toEqual({ OH: 1 });
    feed.upsert({ STATE: 'OH', VOTES: 2 });
    feed.upsert({ STATE: 'CA', VOTES: 1 });
    feed.remove('OH');
    await eventually(() => expect(votesOf(view)).toEqual({ CA: 1 }));
    expect(feed.pushQueriesStarted).toBe(1);
    await view.stop();
    expect(feed.open.size).toBe(0);
  });

  it('starts the push query before the snapshot, so a change made meanwhile is not lost', async () => {
    const feed = new FakeTable('TURNOUT_BY_STATE', 'STATE');
    feed.upsert({ STATE: 'OH', VOTES: 1 });
    feed.snapshotHook = () => {
      feed.snapshotHook = undefined;
      feed.upsert({ STATE: 'OH', VOTES: 2 }); // after the snapshot read, before it is applied
    };
    const view = start(feed);
    await view.whenReady();
    await eventually(() => expect(votesOf(view)).toEqual({ OH: 2 }));
    await view.stop();
  });

  it('reconnects with backoff after the upstream drops, re-snapshots, and keeps its listeners', async () => {
    const feed = new FakeTable('TURNOUT_BY_STATE', 'STATE');
    feed.upsert({ STATE: 'OH', VOTES: 1 });
    const view = start(feed);
    await view.whenReady();
    let notified = 0;
    view.onChange(() => {
      notified += 1;
    });
    feed.down = true;
    feed.drop();
    await eventually(() => expect(view.connected).toBe(false));
    feed.rows.set('OH', { STATE: 'OH', VOTES: 7 }); // changed while nobody listened
    expect(votesOf(view)).toEqual({ OH: 1 }); // the last state is kept meanwhile
    feed.down = false;
    await eventually(() => expect(votesOf(view)).toEqual({ OH: 7 }));
    expect(view.connected).toBe(true);
    feed.upsert({ STATE: 'OH', VOTES: 8 });
    await eventually(() => expect(votesOf(view)).toEqual({ OH: 8 }));
    expect(notified).toBeGreaterThan(0);
    expect(feed.open.size).toBe(1);
    await view.stop();
  });

  it('tells listeners once per event-loop turn, however many rows arrived', async () => {
    const feed = new FakeTable('TURNOUT_BY_STATE', 'STATE');
    const view = start(feed);
    await view.whenReady();
    let notified = 0;
    view.onChange(() => {
      notified += 1;
    });
    const versionBefore = view.version;
    for (let i = 1; i <= 100; i++) feed.upsert({ STATE: 'OH', VOTES: i });
    await eventually(() => expect(votesOf(view)).toEqual({ OH: 100 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(view.version).toBeGreaterThan(versionBefore);
    expect(notified).toBeLessThan(100);
    await view.stop();
  });
});
