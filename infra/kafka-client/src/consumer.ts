import type { Consumer, KafkaMessage } from 'kafkajs';
import { wrapKafkaError } from './errors.js';
import type { IncomingRecord, RecordBatch, RecordHeader, TopicPartitionOffset } from './types.js';

/** What a batch handler may do besides reading records. */
export interface BatchContext {
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked: finish quickly. */
  isRunning(): boolean;
}

export interface RunOptions {
  /**
   * Handles one batch of one partition. With `autoCommit` the batch's offsets are committed after
   * the handler returns; without it the handler commits (for example in a transaction).
   */
  eachBatch(batch: RecordBatch, context: BatchContext): Promise<void>;
  /**
   * The consumer crashed and kafkajs will not restart it (a non-retriable error, or retries
   * exhausted): it consumes nothing more. Without this a reader would wait forever.
   */
  onFatal?(error: Error): void;
}

export interface KafkaConsumer {
  subscribe(topics: string[]): Promise<void>;
  run(options: RunOptions): Promise<void>;
  /** Commits the next offsets to read (outside a transaction). */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  /** Moves a partition's position; only valid after `run`. */
  seek(offset: TopicPartitionOffset): void;
  pause(topics: string[]): void;
  resume(topics: string[]): void;
  /**
   * Called after every fetched batch is processed — also for batches that held only transaction
   * markers or aborted records, which never reach `eachBatch` — with the last offset it covered.
   * This is how a reader knows it has reached a partition's end on a transactional topic.
   */
  onBatchProcessed(
    listener: (progress: { topic: string; partition: number; lastOffset: number }) => void,
  ): void;
  /** Resolves when the group has assigned partitions to this member (after `run`). */
  assignment(): Promise<{ topic: string; partitions: number[] }[]>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts (default `latest`). */
  fromBeginning?: boolean;
  /** Only read records of committed transactions (default true). */
  readCommitted?: boolean;
  /** Commit each batch's offsets after its handler returns (default true). */
  autoCommit?: boolean;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Upper bound of one fetch (default 10 MiB, kafkajs's). */
  maxBytes?: number;
  /** Upper bound of one fetch per partition (default 1 MiB, kafkajs's). */
  maxBytesPerPartition?: number;
  /** Longest wait of a fetch when no data has arrived (default 100 ms: low latency). */
  maxWaitTimeMs?: number;
}

const NO_HEADERS: Record<string, Buffer> = Object.freeze({});
const NO_HEADER_LIST: readonly RecordHeader[] = Object.freeze([]);

export function toIncomingRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  // Most records carry no headers: share one empty object rather than build one per record.
  let headers: Record<string, Buffer> = NO_HEADERS;
  let headerList: RecordHeader[] | undefined;
  for (const name in message.headers) {
    const raw = message.headers[name];
    // kafkajs gathers the values of a repeated key into an array
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      headerList ??= [];
      headerList.push({ key: name, value: (v ?? null) as Buffer | null });
    }
    const value = (Array.isArray(raw) ? raw[0] : raw) as Buffer | null | undefined;
    if (value === null || value === undefined) continue;
    if (headers === NO_HEADERS) headers = {};
    headers[name] = value;
  }
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    headerList: headerList ?? NO_HEADER_LIST,
  };
}

export function wrapConsumer(consumer: Consumer, options: ConsumerOptions): KafkaConsumer {
  const fromBeginning = options.fromBeginning ?? false;
  const autoCommit = options.autoCommit ?? true;
  let assigned: { topic: string; partitions: number[] }[] = [];
  let onAssigned: (() => void) | undefined;
  const assignedOnce = new Promise<void>((resolve) => {
    onAssigned = resolve;
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    assigned = Object.entries(event.payload.memberAssignment).map(([topic, partitions]) => ({
      topic,
      partitions,
    }));
    onAssigned?.();
  });
  return {
    subscribe: async (topics) => {
      await consumer.connect().catch((e: unknown) => {
        throw wrapKafkaError('consumer connect', e);
      });
      await consumer.subscribe({ topics, fromBeginning }).catch((e: unknown) => {
        throw wrapKafkaError('subscribe', e);
      });
    },
    run: (run) => {
      if (run.onFatal) {
        const onFatal = run.onFatal;
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) onFatal(wrapKafkaError('consumer crashed', event.payload.error));
        });
      }
      return consumer.run({
        autoCommit,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
          const records = batch.messages.map((m) => toIncomingRecord(batch.topic, batch.partition, m));
          await run.eachBatch(
            {
              topic: batch.topic,
              partition: batch.partition,
              records,
              highWatermark: Number(batch.highWatermark),
            },
            { heartbeat, isRunning: () => isRunning() && !isStale() },
          );
        },
      });
    },
    commit: (offsets) =>
      consumer
        .commitOffsets(
          offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })),
        )
        .catch((e: unknown) => {
          throw wrapKafkaError('commitOffsets', e);
        }),
    seek: (o) => consumer.seek({ topic: o.topic, partition: o.partition, offset: String(o.offset) }),
    pause: (topics) => consumer.pause(topics.map((topic) => ({ topic }))),
    resume: (topics) => consumer.resume(topics.map((topic) => ({ topic }))),
    onBatchProcessed: (listener) => {
      consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
        const { topic, partition, lastOffset } = event.payload;
        listener({ topic, partition, lastOffset: Number(lastOffset) });
      });
    },
    assignment: async () => {
      await assignedOnce;
      return assigned;
    },
    close: () => consumer.disconnect(),
  };
}
