import type { KafkaProducer, TopicRecords } from '@tally/kafka-client';
import { describe, expect, it } from 'vitest';
import { createKafkaBatcher, splitRecords } from './kafka-batcher.js';

const record = (i: number, size = 100) => ({ key: `k${i}`, value: 'x'.repeat(size) });

describe('splitRecords', () => {
  it('keeps every request under the record and byte limits, in order', () => {
    const records = Array.from({ length: 1_000 }, (_, i) => record(i));
    const batches = splitRecords(records, 300, 10_000);
    expect(batches.flat()).toEqual(records);
    expect(batches.every((b) => b.length <= 300)).toBe(true);
    expect(
      batches.every(
        (b) => b.reduce((n, r) => n + String(r.value).length + String(r.key).length + 32, 0) <= 10_000,
      ),
    ).toBe(true);
  });

  it('sends a record larger than the byte limit on its own rather than never', () => {
    expect(
      splitRecords([record(0, 50), record(1, 5_000), record(2, 50)], 100, 1_000).map((b) => b.length),
    ).toEqual([1, 1, 1]);
  });
});

describe('createKafkaBatcher', () => {
  it('bounds requests in flight and reports acknowledgements', async () => {
    let inFlight = 0;
    let peak = 0;
    const sent: TopicRecords[] = [];
    const producer: KafkaProducer = {
      send: async (batch) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        sent.push(batch);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
      },
      transaction: async () => {
        throw new Error('not used');
      },
      fence: async () => {
        throw new Error('not used');
      },
      close: async () => {},
    };
    let acknowledged = 0;
    const batcher = createKafkaBatcher(producer, 't', {
      batchSize: 10,
      maxInFlight: 3,
      onAcknowledged: (n) => {
        acknowledged += n;
      },
    });
    await batcher.publish(Array.from({ length: 95 }, (_, i) => record(i)));
    await batcher.flush();
    expect(acknowledged).toBe(95);
    expect(sent).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('surfaces a failed send on flush', async () => {
    const producer = {
      send: async () => {
        throw new Error('broker said no');
      },
    } as unknown as KafkaProducer;
    const batcher = createKafkaBatcher(producer, 't');
    await batcher.publish([record(1)]);
    await expect(batcher.flush()).rejects.toThrow('broker said no');
  });
});
