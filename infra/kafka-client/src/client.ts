import { type Logger, parseBrokers } from '@tally/common';
import { type ICustomPartitioner, Kafka, logLevel, Partitioners } from 'kafkajs';
import { connectAdmin, type KafkaAdmin } from './admin.js';
import { type ConsumerOptions, type KafkaConsumer, wrapConsumer } from './consumer.js';
import { pinoLogCreator } from './log-bridge.js';
import { connectProducer, type KafkaProducer, type ProducerOptions } from './producer.js';
import { type ReadTopicOptions, readTopic } from './read-topic.js';
import type { IncomingRecord } from './types.js';

/**
 * Java-compatible murmur2 partitioning, as ksqlDB and the Java clients use — without hashing the
 * key when the topic has a single partition (changelogs, most sinks), where the answer is known.
 */
const javaCompatiblePartitioner: ICustomPartitioner = () => {
  const murmur2 = Partitioners.DefaultPartitioner();
  return (args) => {
    const [only, ...others] = args.partitionMetadata;
    if (only !== undefined && others.length === 0 && args.message.partition == null) return only.partitionId;
    return murmur2(args);
  };
};

export interface KafkaClientOptions {
  /** Comma-separated list or array of `host:port`. */
  brokers: string | string[];
  clientId: string;
  logger?: Logger;
  /** Connection retries at start-up (default 10: tolerate a broker that is still starting). */
  retries?: number;
}

/** Tally's Kafka client: everything the rest of the code needs, and nothing of kafkajs leaks out. */
export interface KafkaClient {
  readonly brokers: string[];
  admin(): Promise<KafkaAdmin>;
  producer(options?: ProducerOptions): Promise<KafkaProducer>;
  consumer(options: ConsumerOptions): KafkaConsumer;
  /** Reads a whole topic up to its current end (tests, audits, restores). */
  readTopic(topic: string, options?: ReadTopicOptions): Promise<IncomingRecord[]>;
}

/**
 * A transaction begun right after a commit meets CONCURRENT_TRANSACTIONS until the coordinator has
 * written the commit markers (a few ms), and kafkajs retries the whole send after its first
 * backoff: at the client's 100 ms that put up to 100 ms on every hop of a chain of exactly-once
 * queries (the Java producer waits 20 ms there, KAFKA-5477). Only a transactional producer's sends
 * start at 5 ms (doubling to 5 s, ≈25 s in all): consumers keep 100 ms, or a consumer restarted
 * 5 ms after "coordinator loading" on a fresh broker fails for good (seen in CI).
 */
const TRANSACTIONAL_SEND_RETRY = { retries: 14, initialRetryTime: 5, maxRetryTime: 5_000 };

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const brokers = Array.isArray(options.brokers) ? options.brokers : parseBrokers(options.brokers);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers,
    retry: { retries: options.retries ?? 10, initialRetryTime: 100, maxRetryTime: 5_000 },
    // Without a logger only warnings and errors are printed (kafkajs is chatty at INFO).
    ...(options.logger ? { logCreator: pinoLogCreator(options.logger) } : { logLevel: logLevel.WARN }),
  });
  const consumer = (consumerOptions: ConsumerOptions): KafkaConsumer =>
    wrapConsumer(
      kafka.consumer({
        groupId: consumerOptions.groupId,
        readUncommitted: consumerOptions.readCommitted === false,
        sessionTimeout: consumerOptions.sessionTimeoutMs ?? 10_000,
        heartbeatInterval: consumerOptions.heartbeatIntervalMs ?? 1_000,
        maxBytes: consumerOptions.maxBytes ?? 10 * 1024 * 1024,
        maxBytesPerPartition: consumerOptions.maxBytesPerPartition ?? 1024 * 1024,
        maxWaitTimeInMs: consumerOptions.maxWaitTimeMs ?? 100,
        rebalanceTimeout: 30_000,
      }),
      consumerOptions,
    );
  return {
    brokers,
    admin: () => connectAdmin(kafka.admin()),
    producer: (producerOptions = {}) => {
      const transactional = producerOptions.transactionalId !== undefined;
      return connectProducer(
        kafka.producer({
          // Java-compatible murmur2 partitioning, as ksqlDB and the Java clients use.
          createPartitioner: javaCompatiblePartitioner,
          idempotent: producerOptions.idempotent ?? true,
          maxInFlightRequests: transactional ? 1 : 5,
          ...(transactional
            ? {
                transactionalId: producerOptions.transactionalId,
                transactionTimeout: producerOptions.transactionTimeoutMs ?? 60_000,
                retry: TRANSACTIONAL_SEND_RETRY,
              }
            : {}),
        }),
      );
    },
    consumer,
    readTopic: async (topic, readOptions) => {
      const admin = await connectAdmin(kafka.admin());
      try {
        return await readTopic(admin, consumer, topic, readOptions);
      } finally {
        await admin.close();
      }
    },
  };
}
