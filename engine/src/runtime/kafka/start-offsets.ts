import type { KafkaAdmin, TopicPartitionOffset } from '@tally/kafka-client';

/**
 * The positions a reader starting at `latest` must seek to: each partition's end offset *now*,
 * for the partitions the group has not committed yet. Pinning them at call time (instead of letting
 * the consumer resolve `latest` at its first fetch, after the group join) means a record produced
 * after the query was started is never missed.
 */
export async function latestPositions(
  admin: KafkaAdmin,
  topics: string[],
  groupId?: string,
): Promise<TopicPartitionOffset[]> {
  const committed = groupId ? await admin.committedOffsets(groupId, topics) : [];
  const hasCommit = new Set(committed.filter((o) => o.offset >= 0).map((o) => `${o.topic}:${o.partition}`));
  const positions: TopicPartitionOffset[] = [];
  for (const topic of topics) {
    for (const { partition, high } of await admin.topicOffsets(topic)) {
      if (!hasCommit.has(`${topic}:${partition}`)) positions.push({ topic, partition, offset: high });
    }
  }
  return positions;
}
