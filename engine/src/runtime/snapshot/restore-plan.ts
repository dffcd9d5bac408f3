/**
 * Whether a state store can start from its snapshot (then reading its changelog only from the
 * snapshot's positions on) or must replay its whole changelog. Pure: the caller brings the
 * snapshot's header and the changelog's current offsets.
 *
 * Replaying changelog records is idempotent (last write per key wins), so a snapshot whose
 * positions lie a little behind its content is safe; one whose positions lie past the changelog's
 * end (the topic was deleted and recreated, or belongs to something else) or below its first
 * offset (records were deleted) is not, and neither is one old enough that the compacted
 * changelog may have dropped tombstones written after it.
 */
import type { PartitionOffset, PartitionRange } from '../topic-store.js';
import type { SnapshotHeader } from './codec.js';

/**
 * Kafka drops a compacted topic's tombstones `delete.retention.ms` (24 h by default) after they
 * were written; a snapshot older than that could miss deletes of its changelog tail, so older
 * ones are not used (with a margin).
 */
export const MAX_SNAPSHOT_AGE_MS = 12 * 3_600_000;

/** What the snapshot must match. */
export interface SnapshotExpectation {
  topic: string;
  clusterId: string;
  /** Epoch ms. */
  now: number;
  maxAgeMs?: number;
}

/** Start from the snapshot and read the changelog from `from`, or replay the whole changelog. */
export type RestorePlan = { use: 'snapshot'; from: PartitionOffset[] } | { use: 'changelog'; reason: string };

/** Decides how to restore one store. */
export function planRestore(
  header: SnapshotHeader | undefined,
  expected: SnapshotExpectation,
  changelog: PartitionRange[],
): RestorePlan {
  const full = (reason: string): RestorePlan => ({ use: 'changelog', reason });
  if (header === undefined) return full('no snapshot');
  if (header.topic !== expected.topic) return full(`snapshot of another changelog (${header.topic})`);
  if (header.clusterId !== expected.clusterId)
    return full(`snapshot from another Kafka cluster (${header.clusterId})`);
  const age = expected.now - header.createdAt;
  const maxAge = expected.maxAgeMs ?? MAX_SNAPSHOT_AGE_MS;
  if (age > maxAge)
    return full(`snapshot is ${Math.round(age / 60_000)} min old (limit ${maxAge / 60_000} min)`);
  const ranges = new Map(changelog.map((r) => [r.partition, r]));
  const positions = new Map(header.positions.map((p) => [p.partition, p.offset]));
  if (ranges.size !== positions.size || [...positions.keys()].some((p) => !ranges.has(p))) {
    return full(
      `changelog partitions changed (snapshot: ${[...positions.keys()].join(',')}; topic: ${[...ranges.keys()].join(',')})`,
    );
  }
  for (const [partition, offset] of positions) {
    const range = ranges.get(partition)!;
    if (offset > range.high)
      return full(
        `snapshot position ${offset} is past the end ${range.high} of partition ${partition} (topic recreated?)`,
      );
    if (offset < range.low)
      return full(
        `partition ${partition} starts at ${range.low}, past the snapshot position ${offset} (records deleted)`,
      );
  }
  return { use: 'snapshot', from: header.positions.map((p) => ({ ...p })) };
}
