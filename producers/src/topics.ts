import { setTimeout as delay } from 'node:timers/promises';
import type { KafkaAdmin } from '@tally/kafka-client';

/** Creates the topics that do not exist yet (waiting for their leaders); existing ones are kept as they are. */
export async function ensureTopics(
  admin: KafkaAdmin,
  topics: string[],
  partitions: number,
): Promise<string[]> {
  return admin.createTopics(topics.map((topic) => ({ topic, partitions })));
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
