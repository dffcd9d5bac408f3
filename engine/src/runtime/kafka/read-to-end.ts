import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { KafkaAdmin, KafkaClient } from '@tally/kafka-client';
import type { ConsumedRecord, PartitionOffset } from '../topic-store.js';

/**
 * Every committed record of `topic` below its end offsets at call time (read_committed).
 *
 * The end of a transactionally written partition is usually a commit marker, which no consumer
 * ever sees as a record, and kafkajs neither hands marker-only batches to `eachBatch` nor commits
 * them right away. So a partition is done when `onBatchProcessed` (the last offset of every
 * processed batch, markers included) or the throw-away group's committed position reaches its
 * end. The group is deleted afterwards.
 *
 * With `from`, the listed partitions are read from those offsets on (the consumer seeks there; a
 * partition already at its end is not read at all): a state snapshot's changelog tail.
 */
export async function readToEnd(
  client: KafkaClient,
  admin: KafkaAdmin,
  topic: string,
  from: PartitionOffset[] = [],
  timeoutMs = 60_000,
): Promise<ConsumedRecord[]> {
  const ends = await admin.topicOffsets(topic);
  const starts = new Map(from.map((p) => [p.partition, p.offset]));
  const remaining = new Map(
    ends
      .filter((o) => o.high > Math.max(o.low, starts.get(o.partition) ?? 0))
      .map((o) => [o.partition, o.high]),
  );
  if (remaining.size === 0) return [];
  const groupId = `_tally-read-${randomUUID()}`;
  const consumer = client.consumer({ groupId, fromBeginning: true, readCommitted: true, autoCommit: true });
  const records: ConsumedRecord[] = [];
  let fatal: Error | undefined;
  try {
    await consumer.subscribe([topic]);
    consumer.onBatchProcessed(({ partition, lastOffset }) => {
      const end = remaining.get(partition);
      if (end !== undefined && lastOffset >= end - 1) remaining.delete(partition);
    });
    const running = consumer.run({
      eachBatch: async (batch) => {
        const end = remaining.get(batch.partition);
        if (end === undefined) return;
        const start = starts.get(batch.partition) ?? 0;
        for (const record of batch.records)
          if (record.offset < end && record.offset >= start) records.push(record);
        if ((batch.records.at(-1)?.offset ?? -1) >= end - 1) remaining.delete(batch.partition);
      },
      onFatal: (error) => {
        fatal = error;
      },
    });
    // Seeking is only valid once `run` has been called; it applies before the first fetch.
    for (const [partition, offset] of starts)
      if (remaining.has(partition)) consumer.seek({ topic, partition, offset });
    await running;
    const deadline = Date.now() + timeoutMs;
    while (remaining.size > 0) {
      // kafkajs gave up on the consumer: nothing more will come.
      if (fatal !== undefined) throw fatal;
      if (Date.now() > deadline) {
        throw new Error(
          `Reading topic '${topic}' to its end timed out after ${timeoutMs} ms; partitions still open: ${[...remaining.keys()].join(', ')}`,
        );
      }
      await delay(50);
      if (remaining.size === 0) break;
      // Also accept the group's committed position: kafkajs commits past some batches it filters.
      for (const { partition, offset } of await admin.committedOffsets(groupId, [topic])) {
        const end = remaining.get(partition);
        if (end !== undefined && offset >= end) remaining.delete(partition);
      }
    }
  } finally {
    await consumer.close();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
