import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryTopicStore } from '../runtime/index.js';
import { createKsqlEngine, type KsqlEngine } from './index.js';

/**
 * The engine's persistent queries with state snapshots, on the in-memory log: a restart loads the
 * snapshot and reads only the changelog records written after it.
 */
const logger = createLogger('engine-test', { level: 'silent' });
const APP = '_confluent-ksql-snap_query_CTAS_T_1';
const CHANGELOG = `${APP}-Aggregate-Aggregate-Materialize-changelog`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(store: MemoryTopicStore, stateDir: string): Promise<KsqlEngine> {
  return createKsqlEngine({
    store,
    serviceId: 'snap_',
    logger,
    stateDir,
    snapshotIntervalMs: 3_600_000,
    config: { 'ksql.streams.auto.offset.reset': 'earliest' },
  });
}

async function table(engine: KsqlEngine): Promise<string[]> {
  const q = await engine.query({ sql: 'SELECT ID, C, SV FROM T;' });
  const out: string[] = [];
  for await (const r of q.rows) out.push(r.json);
  return out.sort();
}

async function produce(store: MemoryTopicStore, rows: [string, number][]): Promise<void> {
  await store.produce(
    's',
    rows.map(([id, v]) => ({
      key: Buffer.from(id),
      value: Buffer.from(JSON.stringify({ V: v })),
      timestamp: 1,
    })),
  );
  await store.settle();
}

describe('persistent queries with state snapshots', () => {
  it('restart from the snapshot written at close plus the changelog written after it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'tally-engine-snap-'));
    dirs.push(stateDir);
    const store = new MemoryTopicStore();
    const first = await start(store, stateDir);
    await first.execute({
      ksql: `CREATE STREAM S (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE TABLE T AS SELECT ID, COUNT(*) AS C, SUM(V) AS SV FROM S GROUP BY ID EMIT CHANGES;`,
    });
    await produce(store, [
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    expect(await table(first)).toEqual(['["a",2,4]', '["b",1,2]']);
    await first.close();
    const snapshot = join(stateDir, 'snapshots', APP, 'Aggregate.snapshot');
    expect(existsSync(snapshot)).toBe(true);
    const position = store.records(CHANGELOG).length;

    const readToEnd = vi.spyOn(store, 'readToEnd');
    const second = await start(store, stateDir);
    // The snapshot was exact: the changelog is read from its end on, not from the start.
    expect(readToEnd).toHaveBeenCalledWith(CHANGELOG, [{ partition: 0, offset: position }]);
    expect(readToEnd).not.toHaveBeenCalledWith(CHANGELOG);
    expect(await table(second)).toEqual(['["a",2,4]', '["b",1,2]']);
    await produce(store, [
      ['b', 10],
      ['c', 5],
    ]);
    expect(await table(second)).toEqual(['["a",2,4]', '["b",2,12]', '["c",1,5]']);
    await second.close();

    // TERMINATE deletes the changelogs and the snapshots with them.
    const third = await start(store, stateDir);
    expect(await table(third)).toEqual(['["a",2,4]', '["b",2,12]', '["c",1,5]']);
    await third.execute({ ksql: 'DROP TABLE T DELETE TOPIC;' });
    expect(existsSync(join(stateDir, 'snapshots', APP))).toBe(false);
    await third.close();
  });
});
