import type { TopicPartitionOffset } from '@tally/kafka-client';
import { eventually } from '@tally/testkit';
import { describe, expect, it } from 'vitest';
import type { OutputRecord } from '../topic-store.js';
import { GroupCommitter } from './group-commit.js';

const out = (value: string): OutputRecord => ({
  topic: 'sink',
  key: null,
  value: Buffer.from(value),
  timestamp: 0,
});
const at = (offset: number, partition = 0): TopicPartitionOffset => ({ topic: 'src', partition, offset });

/** A writer whose commits complete only when the test releases them. */
function gatedWriter() {
  const commits: { values: string[]; offsets: TopicPartitionOffset[] }[] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  return {
    commits,
    release: () => gates.shift()?.(),
    failNext: () => {
      failNext = true;
    },
    write: async (records: OutputRecord[], offsets: TopicPartitionOffset[]) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (failNext) throw new Error('transaction aborted');
      commits.push({ values: records.map((r) => r.value!.toString()), offsets });
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommitter', () => {
  it('commits an idle batch at once and groups the batches computed during a commit into the next', async () => {
    const writer = gatedWriter();
    let flushes = 0;
    const committed: { records: number; ms: number }[] = [];
    const handler = {
      process: () => [],
      flush: () => [out(`changelog-${++flushes}`)],
      committed: (commit: { records: number; ms: number }) => committed.push(commit),
    };
    const committer = new GroupCommitter(handler, writer.write, () => undefined);
    await committer.add([out('a')], at(1));
    await committer.add([out('b')], at(2));
    await committer.add([out('c')], at(3, 1));
    writer.release();
    await tick();
    writer.release();
    await committer.drain();
    expect(writer.commits).toEqual([
      { values: ['a', 'changelog-1'], offsets: [at(1)] },
      { values: ['b', 'c', 'changelog-2'], offsets: [at(2), at(3, 1)] },
    ]);
    // Each commit is reported with its records (outputs and changelog).
    expect(committed.map((c) => c.records)).toEqual([2, 3]);
  });

  it('makes add wait for the commit in flight when too many records are queued', async () => {
    const writer = gatedWriter();
    const committer = new GroupCommitter({ process: () => [] }, writer.write, () => undefined, 2);
    await committer.add([out('a')], at(1));
    let returned = false;
    const adding = committer.add([out('b'), out('c')], at(2)).then(() => {
      returned = true;
    });
    await tick();
    expect(returned).toBe(false);
    writer.release();
    await adding;
    expect(returned).toBe(true);
    writer.release();
    await committer.drain();
    expect(writer.commits.map((c) => c.values)).toEqual([['a'], ['b', 'c']]);
  });

  it('commits nothing after a failed commit and reports the failure once', async () => {
    const writer = gatedWriter();
    const errors: Error[] = [];
    const committer = new GroupCommitter({ process: () => [] }, writer.write, (e) => errors.push(e));
    await committer.add([out('a')], at(1));
    await committer.add([out('b')], at(2));
    writer.failNext();
    writer.release();
    await committer.drain();
    expect(errors.map((e) => e.message)).toEqual(['transaction aborted']);
    await expect(committer.add([out('c')], at(3))).rejects.toThrow('transaction aborted');
    expect(writer.commits).toEqual([]);
  });

  it('holds the next commit back for commitIntervalMs, so records arriving meanwhile share it', async () => {
    // Asserted by what the commits hold, not by the clock: without the interval b and c would each
    // start a commit of their own as soon as the previous one finished.
    const commits: number[] = [];
    const write = async (records: unknown[]) => {
      commits.push(records.length);
    };
    const committer = new GroupCommitter({ process: () => [] }, write, () => undefined, 50_000, 60);
    await committer.add([out('a')], at(1));
    await tick();
    await committer.add([out('b')], at(2));
    await committer.add([out('c')], at(3));
    await eventually(() => expect(commits).toHaveLength(2));
    await committer.drain();
    expect(commits).toEqual([1, 2]);
  });
});
