import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTopicStore } from '../memory/memory-store.js';
import { StateStore } from '../state-store.js';
import { queryFolder, snapshotFile } from './files.js';
import { QuerySnapshots, SNAPSHOT_COST_FACTOR } from './query-snapshots.js';
import { restoreStores } from './restore.js';

/**
 * Snapshots of one query on the in-memory log, driven the way the processor drives them: a
 * "commit" drains the store's changelog records, appends them to the changelog topic and then
 * reports the commit.
 */
const logger = createLogger('snapshot-test', { level: 'silent' });
const APP = '_confluent-ksql-t_query_CTAS_T_1';
const TOPIC = `${APP}-Aggregate-Aggregate-Materialize-changelog`;

let dir: string;
let topics: MemoryTopicStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-snapshots-'));
  topics = new MemoryTopicStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function newStore(): StateStore<{ n: number }> {
  return new StateStore<{ n: number }>('Aggregate', TOPIC);
}

function snapshotsOf(store: StateStore<{ n: number }>, now?: () => number): QuerySnapshots {
  return new QuerySnapshots({
    settings: { stateDir: dir, intervalMs: 3_600_000 },
    appId: APP,
    topics,
    stores: [store as StateStore<unknown>],
    logger,
    ...(now === undefined ? {} : { now }),
  });
}

async function commit(store: StateStore<{ n: number }>, snapshots?: QuerySnapshots): Promise<void> {
  await topics.produce(TOPIC, store.drain());
  snapshots?.afterCommit();
}

/** Key → value of a store, every value decoded. */
function contentOf(store: StateStore<{ n: number }>): Record<string, number> {
  return Object.fromEntries([...store.map].map(([k, v]) => [k, v.n]).sort());
}

/** What replaying the whole changelog gives (the reference). */
async function fromChangelog(): Promise<Record<string, number>> {
  const store = newStore();
  await restoreStores(topics, [store as StateStore<unknown>], logger);
  return contentOf(store);
}

const file = () => snapshotFile(queryFolder(dir, APP), 'Aggregate');

/** A first run: keys k0…k49, a snapshot at a clean stop. */
async function firstRun(): Promise<void> {
  const store = newStore();
  const snapshots = snapshotsOf(store);
  expect(await snapshots.restore()).toMatchObject([{ from: 'created' }]);
  for (let i = 0; i < 50; i++) store.put(`k${i}`, { n: i }, 1);
  await commit(store, snapshots);
  await snapshots.finish();
}

describe('query snapshots', () => {
  it('restores a crashed run from its last periodic snapshot plus the changelog after it, exactly', async () => {
    const store = newStore();
    const snapshots = snapshotsOf(store);
    await snapshots.restore();
    for (let i = 0; i < 100; i++) store.put(`k${i}`, { n: i }, 1);
    await commit(store, snapshots);
    // The periodic timer: read the end offsets now, copy at the next commit.
    await snapshots.requestSnapshot();
    for (let i = 100; i < 150; i++) store.put(`k${i}`, { n: i }, 2);
    store.delete('k5', 2);
    store.put('k7', { n: 700 }, 2);
    await commit(store, snapshots);
    await snapshots.settled();
    expect(existsSync(file())).toBe(true);
    // Written after the snapshot, then a crash (no clean stop).
    store.put('k200', { n: 200 }, 3);
    store.delete('k8', 3);
    store.put('k7', { n: 701 }, 3);
    await commit(store, snapshots);

    const restarted = newStore();
    const outcomes = await snapshotsOf(restarted).restore();
    // The snapshot holds the second commit's 52 records, but its position was read before them:
    // they are replayed again, with the 3 written after it.
    expect(outcomes).toMatchObject([{ from: 'snapshot', snapshotEntries: 149, records: 52 + 3 }]);
    expect(contentOf(restarted)).toEqual(await fromChangelog());
    expect(contentOf(restarted)).toMatchObject({ k7: 701, k200: 200 });
    expect(contentOf(restarted)).not.toHaveProperty('k8');
    expect(contentOf(restarted)).not.toHaveProperty('k5');
  });

  it('writes an exact snapshot at a clean stop: the restart reads no changelog record', async () => {
    await firstRun();
    const restarted = newStore();
    expect(await snapshotsOf(restarted).restore()).toMatchObject([
      { from: 'snapshot', snapshotEntries: 50, records: 0 },
    ]);
    expect(contentOf(restarted)).toEqual(await fromChangelog());
    expect(Object.keys(contentOf(restarted))).toHaveLength(50);
  });

  it('never snapshots what was flushed but not committed', async () => {
    await firstRun();
    const before = readFileSync(file());
    const store = newStore();
    const snapshots = snapshotsOf(store);
    await snapshots.restore();
    await snapshots.requestSnapshot();
    store.put('k1', { n: -1 }, 4);
    store.drain(); // flushed into a transaction that never commits: the processor fails
    snapshots.close();
    snapshots.afterCommit();
    await snapshots.settled();
    expect(readFileSync(file()).equals(before)).toBe(true);
  });

  it('ignores a corrupt snapshot and replays the whole changelog', async () => {
    await firstRun();
    const bytes = readFileSync(file());
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file(), bytes);
    const restarted = newStore();
    const [outcome] = await snapshotsOf(restarted).restore();
    expect(outcome).toMatchObject({
      from: 'changelog',
      records: 50,
      reason: expect.stringMatching(/checksum/),
    });
    expect(contentOf(restarted)).toEqual(await fromChangelog());
  });

  it('ignores a stale snapshot when the changelog was recreated shorter', async () => {
    await firstRun();
    await topics.deleteTopic(TOPIC);
    await topics.createTopic({ name: TOPIC, partitions: 1, replicas: 1 });
    await topics.produce(TOPIC, [
      { key: Buffer.from('only'), value: Buffer.from('{"$o":{"n":1}}'), timestamp: 1 },
    ]);
    const restarted = newStore();
    const [outcome] = await snapshotsOf(restarted).restore();
    expect(outcome).toMatchObject({
      from: 'changelog',
      records: 1,
      reason: expect.stringMatching(/past the end/),
    });
    expect(contentOf(restarted)).toEqual({ only: 1 });
  });

  it('removes the snapshot of a changelog that no longer exists, and discards on TERMINATE', async () => {
    await firstRun();
    await topics.deleteTopic(TOPIC);
    const store = newStore();
    const snapshots = snapshotsOf(store);
    expect(await snapshots.restore()).toMatchObject([{ from: 'created' }]);
    expect(existsSync(file())).toBe(false);
    store.put('a', { n: 1 }, 1);
    await commit(store, snapshots);
    await snapshots.discard();
    expect(existsSync(queryFolder(dir, APP))).toBe(false);
  });

  it('waits SNAPSHOT_COST_FACTOR times as long as the last snapshot took before the next one', async () => {
    let clock = 0;
    const store = newStore();
    const snapshots = snapshotsOf(store, () => clock);
    await snapshots.restore();
    const snapshotAt = async (at: number, key: string) => {
      clock = at;
      store.put(key, { n: at }, 1);
      await commit(store, snapshots);
      await snapshots.requestSnapshot(); // the periodic timer
      await commit(store, snapshots); // the copy is taken and its writing starts at `at`
      clock = at + 1_000; // … and ends a second later
      await snapshots.settled();
      return existsSync(file()) ? readFileSync(file()) : undefined;
    };
    const first = await snapshotAt(0, 'a');
    expect(first).toBeDefined();
    // 19 s after a snapshot that took 1 s: too early, nothing is written.
    expect((await snapshotAt(1_000 + 19_000, 'b'))?.equals(first!)).toBe(true);
    // 20 s after: written, with everything up to then.
    const third = await snapshotAt(1_000 + SNAPSHOT_COST_FACTOR * 1_000, 'c');
    expect(third?.equals(first!)).toBe(false);
    await snapshots.finish();
    const restarted = newStore();
    await snapshotsOf(restarted).restore();
    expect(contentOf(restarted)).toEqual({ a: 0, b: 20_000, c: 21_000 });
  });

  it('skips stores that did not change since their snapshot', async () => {
    await firstRun();
    const before = readFileSync(file());
    const store = newStore();
    const snapshots = snapshotsOf(store);
    await snapshots.restore();
    await snapshots.requestSnapshot();
    snapshots.afterCommit();
    await snapshots.finish();
    expect(readFileSync(file()).equals(before)).toBe(true);
  });
});
