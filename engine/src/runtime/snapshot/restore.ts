/**
 * Restores a persistent query's state store before the query resumes: from its snapshot plus the
 * changelog records written after it when the snapshot is usable (`planRestore`), otherwise from the
 * whole changelog. A missing changelog is created (a new query: all of its changelogs in one
 * request), and a snapshot left over for it is removed.
 */
import type { Logger } from '@tally/common';
import type { StateStore } from '../state-store.js';
import type { TopicStore } from '../topic-store.js';
import { decodeSnapshot, type SnapshotHeader } from './codec.js';
import { readIfExists, remove, snapshotFile } from './files.js';
import { planRestore, type RestorePlan } from './restore-plan.js';

/** Where a query's snapshots are and what they must match. */
export interface SnapshotSource {
  folder: string;
  clusterId: string;
  maxAgeMs?: number;
}

/** How one store was restored (logs, tests). */
export interface RestoreOutcome {
  store: string;
  /** `created`: the changelog did not exist; `changelog`: replayed whole; `snapshot`: snapshot + tail. */
  from: 'created' | 'changelog' | 'snapshot';
  /** Entries loaded from the snapshot. */
  snapshotEntries: number;
  /** Changelog records replayed. */
  records: number;
  /** Why the snapshot was not used (when there was one). */
  reason?: string;
  ms: number;
}

/**
 * Restores a query's stores (see the module comment); `snapshots` undefined means snapshots are
 * off. Missing changelogs (a new query's) are created first, all in one request: those stores
 * start empty and have nothing to read.
 */
export async function restoreStores(
  topics: TopicStore,
  stores: StateStore<unknown>[],
  logger: Logger,
  snapshots?: SnapshotSource,
): Promise<RestoreOutcome[]> {
  const created = new Set(
    await topics.createMissingTopics(
      stores.map((s) => ({
        name: s.changelogTopic,
        partitions: 1,
        replicas: 1,
        config: { 'cleanup.policy': 'compact' },
      })),
    ),
  );
  return Promise.all(
    stores.map((s) => restoreStore(topics, s, logger, snapshots, created.has(s.changelogTopic))),
  );
}

/** Restores one store whose changelog exists; `created`: it was just created, so it is empty. */
async function restoreStore(
  topics: TopicStore,
  store: StateStore<unknown>,
  logger: Logger,
  snapshots: SnapshotSource | undefined,
  created: boolean,
): Promise<RestoreOutcome> {
  const started = performance.now();
  const topic = store.changelogTopic;
  const outcome = (o: Omit<RestoreOutcome, 'store' | 'ms'>): RestoreOutcome => ({
    store: store.name,
    ...o,
    ms: Math.round(performance.now() - started),
  });
  const file = snapshots === undefined ? undefined : snapshotFile(snapshots.folder, store.name);
  if (created) {
    // A snapshot left over for a changelog that did not exist belongs to something else.
    if (file !== undefined) await remove(file);
    return outcome({ from: 'created', snapshotEntries: 0, records: 0 });
  }
  if (snapshots === undefined || file === undefined) {
    const records = await topics.readToEnd(topic);
    store.restore(records);
    return outcome({ from: 'changelog', snapshotEntries: 0, records: records.length });
  }
  const [ranges, bytes] = await Promise.all([topics.offsets(topic), readIfExists(file)]);
  let plan: RestorePlan;
  let snapshot: ReturnType<typeof decodeSnapshot> | undefined;
  try {
    snapshot = bytes === undefined ? undefined : decodeSnapshot(bytes);
    const header: SnapshotHeader | undefined = snapshot?.header;
    plan = planRestore(
      header,
      {
        topic,
        clusterId: snapshots.clusterId,
        now: Date.now(),
        ...(snapshots.maxAgeMs === undefined ? {} : { maxAgeMs: snapshots.maxAgeMs }),
      },
      ranges,
    );
  } catch (e) {
    plan = { use: 'changelog', reason: (e as Error).message };
  }
  if (plan.use === 'changelog' || snapshot === undefined) {
    if (bytes !== undefined) {
      logger.warn(
        { file, topic, reason: plan.use === 'changelog' ? plan.reason : '' },
        'state snapshot ignored; restoring from the whole changelog',
      );
    }
    const records = await topics.readToEnd(topic);
    store.restore(records);
    return outcome({
      from: 'changelog',
      snapshotEntries: 0,
      records: records.length,
      ...(bytes === undefined || plan.use !== 'changelog' ? {} : { reason: plan.reason }),
    });
  }
  store.load(snapshot.content);
  const tail = await topics.readToEnd(topic, plan.from);
  store.restore(tail);
  return outcome({ from: 'snapshot', snapshotEntries: snapshot.content.keys.length, records: tail.length });
}
