import type { Message, Producer, Transaction } from 'kafkajs';
import { wrapKafkaError } from './errors.js';
import { splitBySize } from './request-size.js';
import type { OutgoingRecord, TopicPartitionOffset } from './types.js';

/** Records for several topics in one request (or one transaction). */
export type TopicRecords = { topic: string; records: OutgoingRecord[] }[];

/** Writes inside one Kafka transaction: records and consumer offsets commit or abort together. */
export interface KafkaTransaction {
  /**
   * Sends inside the transaction. Answers, for each topic-partition whose records all carried an
   * explicit partition, the offset after the last record written there (from the broker's base
   * offsets): a fused downstream query's position on that topic, committed in the same transaction.
   */
  send(batch: TopicRecords): Promise<TopicPartitionOffset[]>;
  /** Commits `offsets` (next offset to read) for `groupId` as part of this transaction. */
  sendOffsets(groupId: string, offsets: TopicPartitionOffset[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface KafkaProducer {
  /**
   * Sends and waits for acknowledgement by all in-sync replicas (acks=all). Any number of records:
   * they are split into requests under the broker's size limit, sent one after another.
   */
  send(batch: TopicRecords): Promise<void>;
  /** Starts a transaction (the producer must have been created with a `transactionalId`). */
  transaction(): Promise<KafkaTransaction>;
  /**
   * Takes ownership of the transactional id now rather than at the first transaction: an older
   * producer with the same id is fenced and its open transaction aborted, so read_committed
   * readers are no longer held back by it.
   */
  fence(): Promise<void>;
  close(): Promise<void>;
}

export interface ProducerOptions {
  /** Idempotent producer: retries never duplicate or reorder records (default true). */
  idempotent?: boolean;
  /** Enables transactions; must be stable per logical writer so a restarted one fences the zombie. */
  transactionalId?: string;
  /** How long the broker waits before aborting an open transaction (default 60 s). */
  transactionTimeoutMs?: number;
}

export function toKafkajsMessage(record: OutgoingRecord): Message {
  const message: Message = { key: record.key, value: record.value };
  if (record.partition !== undefined) message.partition = record.partition;
  if (record.timestamp !== undefined) message.timestamp = String(record.timestamp);
  if (record.headers !== undefined) message.headers = record.headers;
  return message;
}

function toTopicMessages(batch: TopicRecords) {
  return batch
    .filter((entry) => entry.records.length > 0)
    .map((entry) => ({ topic: entry.topic, messages: entry.records.map(toKafkajsMessage) }));
}

/** Records per explicit partition of each topic in one request; topics with unplaced records are left out. */
function placedCounts(batch: TopicRecords): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { topic, records } of batch) {
    if (records.some((r) => r.partition === undefined)) continue;
    for (const r of records)
      counts.set(`${topic}\u0000${r.partition}`, (counts.get(`${topic}\u0000${r.partition}`) ?? 0) + 1);
  }
  return counts;
}

function wrapTransaction(txn: Transaction): KafkaTransaction {
  return {
    send: async (batch) => {
      const next = new Map<string, TopicPartitionOffset>();
      for (const request of splitBySize(batch)) {
        const topicMessages = toTopicMessages(request);
        if (topicMessages.length === 0) continue;
        const counts = placedCounts(request);
        const written = await txn.sendBatch({ topicMessages, acks: -1 }).catch((e: unknown) => {
          throw wrapKafkaError('transactional send', e);
        });
        for (const meta of written) {
          const count = counts.get(`${meta.topicName}\u0000${meta.partition}`);
          if (count === undefined || meta.baseOffset === undefined) continue;
          const offset = Number(meta.baseOffset) + count;
          next.set(`${meta.topicName}\u0000${meta.partition}`, {
            topic: meta.topicName,
            partition: meta.partition,
            offset,
          });
        }
      }
      return [...next.values()];
    },
    sendOffsets: async (groupId, offsets) => {
      const byTopic = new Map<string, { partition: number; offset: string }[]>();
      for (const o of offsets) {
        const list = byTopic.get(o.topic) ?? [];
        list.push({ partition: o.partition, offset: String(o.offset) });
        byTopic.set(o.topic, list);
      }
      const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
      await txn.sendOffsets({ consumerGroupId: groupId, topics }).catch((e: unknown) => {
        throw wrapKafkaError('sendOffsets', e);
      });
    },
    commit: () =>
      txn.commit().catch((e: unknown) => {
        throw wrapKafkaError('commit transaction', e);
      }),
    abort: () =>
      txn.abort().catch((e: unknown) => {
        throw wrapKafkaError('abort transaction', e);
      }),
  };
}

export async function connectProducer(producer: Producer): Promise<KafkaProducer> {
  await producer.connect().catch((e: unknown) => {
    throw wrapKafkaError('producer connect', e);
  });
  return {
    send: async (batch) => {
      for (const request of splitBySize(batch)) {
        const topicMessages = toTopicMessages(request);
        if (topicMessages.length === 0) continue;
        await producer.sendBatch({ topicMessages, acks: -1 }).catch((e: unknown) => {
          throw wrapKafkaError('send', e);
        });
      }
    },
    transaction: async () => wrapTransaction(await producer.transaction()),
    fence: async () => {
      // Beginning a transaction registers the producer (InitProducerId: fences the old epoch and
      // aborts its transaction); aborting the empty one sends nothing.
      const txn = await producer.transaction().catch((e: unknown) => {
        throw wrapKafkaError('fence', e);
      });
      await txn.abort();
    },
    close: () => producer.disconnect(),
  };
}
