import { describe, expect, it } from 'vitest';
import { MemoryTopicStore } from './memory-store.js';

const rec = (v: string) => ({ key: null, value: Buffer.from(v), timestamp: 0 });

describe('MemoryTopicStore', () => {
  it('runs a processor from its committed offsets and writes its outputs', async () => {
    const store = new MemoryTopicStore({ batchSize: 2 });
    await store.createTopic({ name: 'in', partitions: 1, replicas: 1 });
    await store.produce('in', [rec('a'), rec('b'), rec('c')]);
    const opts = {
      queryId: 'q',
      groupId: 'g',
      sources: ['in'],
      startFrom: 'earliest' as const,
      exactlyOnce: true,
    };
    const p = await store.runProcessor(opts, {
      process: (records) => records.map((r) => ({ topic: 'out', key: null, value: r.value, timestamp: 0 })),
    });
    await store.settle();
    await p.stop();
    await store.produce('in', [rec('d')]);
    const again = await store.runProcessor(opts, {
      process: (records) => records.map((r) => ({ topic: 'out', key: null, value: r.value, timestamp: 0 })),
    });
    await store.settle();
    expect(store.records('out').map((r) => r.value?.toString())).toEqual(['a', 'b', 'c', 'd']);
    await again.stop();
  });

  it('commits nothing of a failed batch and puts the processor in ERROR', async () => {
    const store = new MemoryTopicStore({ batchSize: 10 });
    await store.produce('in', [rec('a'), rec('boom')]);
    const p = await store.runProcessor(
      { queryId: 'q', groupId: 'g', sources: ['in'], startFrom: 'earliest', exactlyOnce: true },
      {
        process: (records) => {
          if (records.some((r) => r.value?.toString() === 'boom')) throw new Error('boom');
          return [];
        },
      },
    );
    await store.settle();
    expect(p.state).toBe('ERROR');
    expect(store.records('out')).toEqual([]);
  });

  it('tails from latest or earliest without blocking processors', async () => {
    const store = new MemoryTopicStore();
    await store.produce('t', [rec('old')]);
    const seen: string[] = [];
    const tail = await store.tail(['t'], 'latest', async (records) => {
      seen.push(...records.map((r) => r.value!.toString()));
    });
    await store.produce('t', [rec('new')]);
    await store.settle();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['new']);
    await tail.close();
  });

  it('reports a reader that threw once, and delivers nothing after it', async () => {
    const store = new MemoryTopicStore();
    const seen: string[] = [];
    const failures: Error[] = [];
    const tail = await store.tail(
      ['t'],
      'earliest',
      async (records) => {
        seen.push(...records.map((r) => r.value!.toString()));
        throw new Error('reader broke');
      },
      (error) => failures.push(error),
    );
    await store.produce('t', [rec('a')]);
    await store.settle();
    await new Promise((r) => setImmediate(r));
    await store.produce('t', [rec('b')]);
    await store.settle();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a']);
    expect(failures.map((e) => e.message)).toEqual(['reader broke']);
    await tail.close();
  });
});
