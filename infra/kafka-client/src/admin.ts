import type { Admin } from 'kafkajs';
import { wrapKafkaError } from './errors.js';
import type { PartitionOffsets, TopicDescription, TopicPartitionOffset, TopicSpec } from './types.js';

/** Topic administration: create (waiting for leaders), describe, delete, offsets. */
export interface KafkaAdmin {
  /** Creates the topics that do not exist yet; returns the names it created. */
  createTopics(specs: TopicSpec[]): Promise<string[]>;
  deleteTopics(topics: string[]): Promise<void>;
  listTopics(): Promise<string[]>;
  describeTopics(topics: string[]): Promise<TopicDescription[]>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  committedOffsets(groupId: string, topics: string[]): Promise<TopicPartitionOffset[]>;
  deleteGroups(groupIds: string[]): Promise<void>;
  /** The ids of every consumer group the cluster knows. */
  listGroups(): Promise<string[]>;
  clusterId(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Group-coordinator states that pass on their own: a fresh broker loading `__consumer_offsets`, a
 * coordinator that moved (kafkajs's names for error codes 14, 15 and 16).
 */
const COORDINATOR_BUSY = new Set([
  'GROUP_LOAD_IN_PROGRESS',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
]);

/** Runs `work` again while the group coordinator is busy, backing off from 100 ms (≈25 s in all). */
async function whileCoordinatorBusy<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === undefined || !COORDINATOR_BUSY.has(type) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
}

export async function connectAdmin(admin: Admin): Promise<KafkaAdmin> {
  await admin.connect().catch((error: unknown) => {
    throw wrapKafkaError('admin connect', error);
  });
  // One call at a time: kafkajs keeps one metadata cache per admin, and a call for some topics
  // replaces it while another reads it (fetchTopicOffsets then fails on "high.pop(...) is
  // undefined", fetchOffsets silently returns no partitions).
  let queue: Promise<unknown> = Promise.resolve();
  const guard = <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      try {
        return await work();
      } catch (error) {
        throw wrapKafkaError(what, error);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    createTopics: (specs) =>
      guard('createTopics', async () => {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((spec) => !existing.has(spec.topic));
        if (missing.length === 0) return [];
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.partitions ?? 1,
            replicationFactor: spec.replicas ?? 1,
            configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
        return missing.map((spec) => spec.topic);
      }),
    deleteTopics: (topics) => guard('deleteTopics', () => admin.deleteTopics({ topics })),
    listTopics: () => guard('listTopics', () => admin.listTopics()),
    describeTopics: (topics) =>
      guard('describeTopics', async () => {
        const { topics: described } = await admin.fetchTopicMetadata({ topics });
        return described.map((t) => ({
          name: t.name,
          partitions: t.partitions
            .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas }))
            .sort((a, b) => a.partition - b.partition),
        }));
      }),
    topicOffsets: (topic) =>
      guard('topicOffsets', async () =>
        (await admin.fetchTopicOffsets(topic))
          .map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }))
          .sort((a, b) => a.partition - b.partition),
      ),
    committedOffsets: (groupId, topics) =>
      guard('committedOffsets', async () => {
        // kafkajs's admin does not retry these (its consumer does): a query started right after
        // the broker was failed with "The coordinator is loading".
        const result = await whileCoordinatorBusy(() => admin.fetchOffsets({ groupId, topics }));
        return result.flatMap((t) =>
          t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
        );
      }),
    deleteGroups: (groupIds) => guard('deleteGroups', async () => void (await admin.deleteGroups(groupIds))),
    listGroups: () =>
      guard('listGroups', async () => (await admin.listGroups()).groups.map((g) => g.groupId).sort()),
    clusterId: () => guard('describeCluster', async () => (await admin.describeCluster()).clusterId),
    close: () => admin.disconnect(),
  };
}
