import { describe, expect, it } from 'vitest';
import type { SnapshotHeader } from './codec.js';
import { MAX_SNAPSHOT_AGE_MS, planRestore, type SnapshotExpectation } from './restore-plan.js';

const NOW = 1_700_000_000_000;
const TOPIC = 'app-Aggregate-Aggregate-Materialize-changelog';
const expected: SnapshotExpectation = { topic: TOPIC, clusterId: 'c1', now: NOW };

function header(positions: [number, number][], extra: Partial<SnapshotHeader> = {}): SnapshotHeader {
  return {
    format: 1,
    topic: TOPIC,
    store: 'Aggregate',
    clusterId: 'c1',
    positions: positions.map(([partition, offset]) => ({ partition, offset })),
    entries: 10,
    createdAt: NOW - 60_000,
    ...extra,
  };
}

const range = (partition: number, low: number, high: number) => ({ partition, low, high });

describe('planRestore', () => {
  it('uses a matching snapshot and reads the changelog from its positions', () => {
    expect(planRestore(header([[0, 40]]), expected, [range(0, 0, 55)])).toEqual({
      use: 'snapshot',
      from: [{ partition: 0, offset: 40 }],
    });
  });

  it('uses a snapshot taken at the very end (empty tail) and one of a multi-partition changelog', () => {
    expect(planRestore(header([[0, 55]]), expected, [range(0, 0, 55)])).toMatchObject({ use: 'snapshot' });
    expect(
      planRestore(
        header([
          [1, 7],
          [0, 3],
        ]),
        expected,
        [range(0, 0, 3), range(1, 2, 9)],
      ),
    ).toEqual({
      use: 'snapshot',
      from: [
        { partition: 1, offset: 7 },
        { partition: 0, offset: 3 },
      ],
    });
  });

  it('replays the whole changelog without a snapshot', () => {
    expect(planRestore(undefined, expected, [range(0, 0, 5)])).toEqual({
      use: 'changelog',
      reason: 'no snapshot',
    });
  });

  it('ignores a snapshot of another changelog or another cluster (foreign)', () => {
    expect(
      planRestore(header([[0, 1]], { topic: 'other-changelog' }), expected, [range(0, 0, 5)]),
    ).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/another changelog/),
    });
    expect(planRestore(header([[0, 1]], { clusterId: 'c2' }), expected, [range(0, 0, 5)])).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/another Kafka cluster/),
    });
  });

  it('ignores a snapshot past the end of the changelog (the topic was recreated)', () => {
    expect(planRestore(header([[0, 56]]), expected, [range(0, 0, 55)])).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/past the end 55/),
    });
    expect(planRestore(header([[0, 10]]), expected, [range(0, 0, 0)])).toMatchObject({ use: 'changelog' });
  });

  it('ignores a snapshot below the changelog start (records were deleted)', () => {
    expect(planRestore(header([[0, 10]]), expected, [range(0, 11, 30)])).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/starts at 11/),
    });
  });

  it('ignores a snapshot when the changelog partitions changed', () => {
    expect(planRestore(header([[0, 1]]), expected, [range(0, 0, 5), range(1, 0, 5)])).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/partitions changed/),
    });
    expect(planRestore(header([[1, 1]]), expected, [range(0, 0, 5)])).toMatchObject({ use: 'changelog' });
  });

  it('ignores a snapshot older than the age limit (tombstones may have been compacted away)', () => {
    const old = header([[0, 1]], { createdAt: NOW - MAX_SNAPSHOT_AGE_MS - 1 });
    expect(planRestore(old, expected, [range(0, 0, 5)])).toMatchObject({
      use: 'changelog',
      reason: expect.stringMatching(/old/),
    });
    expect(planRestore(header([[0, 1]]), { ...expected, maxAgeMs: 1_000 }, [range(0, 0, 5)])).toMatchObject({
      use: 'changelog',
    });
  });
});
