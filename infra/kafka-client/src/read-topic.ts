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
      consumer
        .run({
          eachBatch: async (batch) => {
            const end = remaining.get(batch.partition);
            if (end === undefined) return;
            for (const record of batch.records) if (record.offset < end) records.push(record);
            // Transaction markers occupy offsets too, so the batch's high watermark also counts as done.
            const last = batch.records.at(-1)?.offset ?? -1;
            if (last >= end - 1 || batch.highWatermark >= end) remaining.delete(batch.partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
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
