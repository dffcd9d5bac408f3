import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import {
  createKafkaClient,
  type KafkaAdmin,
  KafkaClientError,
  type KafkaProducer,
} from '@tally/kafka-client';
import type { TopicInfo, TopicStore } from '../topic-store.js';
import { startProcessor } from './processor.js';
import { readToEnd } from './read-to-end.js';
import { toOutgoingRecord } from './records.js';
import { startTail } from './tail.js';

export interface KafkaTopicStoreOptions {
  /** Comma-separated `host:port` list or array. */
  brokers: string | string[];
  /** Kafka client id (shows in broker logs). */
  clientId?: string;
  logger: Logger;
  /**
   * Configs added to every topic this store creates (the topic's own config wins), e.g.
   * `{ 'retention.ms': '-1' }` for test runs whose records carry 1970 timestamps, which the
   * broker's time-based retention would otherwise delete within minutes.
   */
  topicConfig?: Record<string, string>;
}

/** Runs `work`, retrying up to 5 times (with backoff) while Kafka reports a retriable error. */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof KafkaClientError) || !error.retriable || attempt >= 5) throw error;
      await delay(100 * 2 ** attempt);
    }
  }
}

/** Something to close when the store closes. */
interface Closable {
  stop?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * The runtime's `TopicStore` on real Kafka, through `@tally/kafka-client` only. One admin and one
 * idempotent producer are shared; each persistent query gets its own consumer (and transactional
 * producer), each push query its own throw-away consumer group.
 */
export async function createKafkaTopicStore(options: KafkaTopicStoreOptions): Promise<TopicStore> {
  const logger = options.logger;
  const client = createKafkaClient({
    brokers: options.brokers,
    clientId: options.clientId ?? 'tally-engine',
    logger: logger.child({ component: 'kafka' }),
  });
  const admin: KafkaAdmin = await client.admin();
  let producer: Promise<KafkaProducer> | undefined;
  const open = new Set<Closable>();
  const track = <T extends Closable>(item: T): T => {
    open.add(item);
    return item;
  };

  const describe = async (names: string[]): Promise<TopicInfo[]> =>
    names.length === 0
      ? []
      : (await admin.describeTopics(names)).map((t) => ({
          name: t.name,
          partitions: t.partitions.length,
          replicas: t.partitions[0]?.replicas.length ?? 0,
        }));

  // Metadata of a topic being created can lag (UNKNOWN_TOPIC_OR_PARTITION while waiting for
  // leaders): retry what Kafka calls retriable.
  const createMissing = (topics: TopicInfo[]): Promise<string[]> =>
    retrying(() =>
      admin.createTopics(
        topics.map((topic) => ({
          topic: topic.name,
          partitions: topic.partitions,
          replicas: topic.replicas,
          config: { ...options.topicConfig, ...topic.config },
        })),
      ),
    );

  return {
    createTopic: async (topic) => {
      await createMissing([topic]);
    },
    createMissingTopics: createMissing,
    describeTopic: async (name) => {
      if (!(await admin.listTopics()).includes(name)) return undefined;
      return (await describe([name]))[0];
    },
    listTopics: async () => describe((await admin.listTopics()).sort()),
    deleteTopic: (name) => admin.deleteTopics([name]),
    produce: async (topic, records) => {
      producer ??= client.producer();
      await (await producer).send([{ topic, records: records.map(toOutgoingRecord) }]);
    },
    runProcessor: async (processorOptions, handler) => {
      const processor = await startProcessor(client, admin, logger, processorOptions, handler);
      const entry: Closable = {
        stop: async () => {
          await processor.stop();
          open.delete(entry);
        },
      };
      track(entry);
      return {
        get state() {
          return processor.state;
        },
        get error() {
          return processor.error;
        },
        stop: entry.stop!,
      };
    },
    tail: async (topics, from, onRecords, onFailed) => {
      const tail = await startTail(client, admin, logger, topics, from, onRecords, onFailed);
      const entry: Closable = {
        close: async () => {
          await tail.close();
          open.delete(entry);
        },
      };
      track(entry);
      return { close: entry.close! };
    },
    readToEnd: (topic, from) => readToEnd(client, admin, topic, from),
    offsets: (topic) => admin.topicOffsets(topic),
    committedOffsets: async (groupId, topics) =>
      (await admin.committedOffsets(groupId, topics)).filter((o) => o.offset >= 0),
    clusterId: () => admin.clusterId(),
    close: async () => {
      await Promise.allSettled([...open].map((item) => (item.stop ?? item.close)?.()));
      if (producer) await (await producer).close().catch(() => undefined);
      await admin.close();
    },
  };
}
