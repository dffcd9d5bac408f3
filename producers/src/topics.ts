import { setTimeout as delay } from 'node:timers/promises';
import type { KafkaAdmin } from '@tally/kafka-client';

/**
 * Creates the topics that do not exist yet (waiting for their leaders); existing ones are kept as
 * they are. A busy broker can answer the leader wait with a retriable error
 * ("does not host this topic-partition"): creation is idempotent, so it is simply tried again.
 */
export async function ensureTopics(
  admin: KafkaAdmin,
  topics: string[],
  partitions: number,
  attempts = 6,
): Promise<string[]> {
  const created = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    try {
      for (const topic of await admin.createTopics(topics.map((topic) => ({ topic, partitions })))) {
        created.add(topic);
      }
      return [...created];
    } catch (error) {
      if (attempt >= attempts || (error as { retriable?: boolean }).retriable !== true) throw error;
      await delay(250 * 2 ** attempt);
    }
  }
}

/**
 * Deletes `topics` (those that exist) and creates them again empty. Deletion is asynchronous in
 * Kafka, so creation is retried until the broker has forgotten the old topic.
 */
export async function recreateTopics(
  admin: KafkaAdmin,
  topics: string[],
  partitions: number,
  timeoutMs = 60_000,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const doomed = topics.filter((topic) => existing.has(topic));
  if (doomed.length > 0) await admin.deleteTopics(doomed);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = new Set(await admin.listTopics());
    if (!doomed.some((topic) => listed.has(topic))) {
      try {
        await ensureTopics(admin, topics, partitions);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    } else if (Date.now() > deadline) {
      throw new Error(
        `Expected topics ${doomed.join(', ')} to be deleted within ${timeoutMs} ms; they still exist`,
      );
    }
    await delay(200);
  }
}
