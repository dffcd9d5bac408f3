import { randomUUID } from 'node:crypto';
import type { KafkaAdmin } from './admin.js';
import type { ConsumerOptions, KafkaConsumer } from './consumer.js';
import type { IncomingRecord } from './types.js';

export interface ReadTopicOptions {
  readCommitted?: boolean;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

/**
 * Reads every record of `topic` from the beginning up to its end offsets as of the call, then stops.
 * Uses a throw-away consumer group that is deleted afterwards.
 */
export async function readTopic(
  admin: KafkaAdmin,
  createConsumer: (options: ConsumerOptions) => KafkaConsumer,
  topic: string,
  options: ReadTopicOptions = {},
): Promise<IncomingRecord[]> {
  const ends = await admin.topicOffsets(topic);
  const remaining = new Map(ends.filter((o) => o.high > o.low).map((o) => [o.partition, o.high]));
  const endOf = new Map(ends.map((o) => [o.partition, o.high]));
  if (remaining.size === 0) return [];
  const groupId = `tally-read-${randomUUID()}`;
  const consumer = createConsumer({
    groupId,
    fromBeginning: true,
    readCommitted: options.readCommitted ?? true,
  });
  const records: IncomingRecord[] = [];
  try {
    await consumer.subscribe([topic]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`readTopic(${topic}) timed out; still waiting for ${[...remaining.keys()]}`)),
        options.timeoutMs ?? 30_000,
      );
      // Progress comes from processed batches, including marker-only ones that never reach eachBatch.
      consumer.onBatchProcessed(({ partition, lastOffset }) => {
        const end = remaining.get(partition);
        if (end !== undefined && lastOffset >= end - 1) remaining.delete(partition);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer
        .run({
          eachBatch: async (batch) => {
            const end = endOf.get(batch.partition) ?? 0;
            for (const record of batch.records) if (record.offset < end) records.push(record);
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.close();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
