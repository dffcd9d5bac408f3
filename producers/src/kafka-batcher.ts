import type { KafkaProducer, OutgoingRecord } from '@tally/kafka-client';

/** Sends records in fixed-size batches with a bounded number of requests in flight. */
export interface KafkaBatcher {
  /** Queues records; resolves once they are handed to Kafka (waits when too many batches are in flight). */
  publish(records: OutgoingRecord[]): Promise<void>;
  /** Resolves when every queued record is acknowledged (acks=all); rejects with the first failure. */
  flush(): Promise<void>;
}

export interface KafkaBatcherOptions {
  /** Records per produce request at most (default 5,000). */
  batchSize?: number;
  /**
   * Bytes of keys and values per request at most (default 900 kB): the broker refuses a record
   * batch above its `max.message.bytes` (1 MiB by default).
   */
  batchBytes?: number;
  /** Requests awaiting acknowledgement at once (default 4). */
  maxInFlight?: number;
  /** Called with the number of records each time a batch is acknowledged. */
  onAcknowledged?: (count: number) => void;
}

/**
 * Batches and pipelines sends to one topic: throughput comes from big batches and several
 * requests in flight, not from awaiting each record.
 */
export function createKafkaBatcher(
  producer: KafkaProducer,
  topic: string,
  options: KafkaBatcherOptions = {},
): KafkaBatcher {
  const batchSize = options.batchSize ?? 5_000;
  const batchBytes = options.batchBytes ?? 900_000;
  const maxInFlight = options.maxInFlight ?? 4;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const send = async (records: OutgoingRecord[]) => {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
    const request: Promise<void> = producer.send([{ topic, records }]).then(
      () => {
        inFlight.delete(request);
        options.onAcknowledged?.(records.length);
      },
      (error: unknown) => {
        inFlight.delete(request);
        failure ??= error;
      },
    );
    inFlight.add(request);
  };
  return {
    publish: async (records) => {
      for (const batch of splitRecords(records, batchSize, batchBytes)) await send(batch);
    },
    flush: async () => {
      await Promise.all(inFlight);
      if (failure !== undefined) throw failure;
    },
  };
}

/** Size on the wire of a key or value; UTF-16 length is exact for the ASCII JSON producers write. */
function byteLength(value: Buffer | string | null): number {
  if (value === null) return 0;
  return typeof value === 'string' ? value.length : value.byteLength;
}

/**
 * Splits records into produce requests of at most `batchSize` records and `batchBytes` bytes
 * (the broker refuses a record batch above its `max.message.bytes`, 1 MiB by default).
 */
export function splitRecords(
  records: OutgoingRecord[],
  batchSize = 5_000,
  batchBytes = 900_000,
): OutgoingRecord[][] {
  const batches: OutgoingRecord[][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < records.length; i++) {
    const size = byteLength(records[i]!.key) + byteLength(records[i]!.value) + 32;
    if (i > start && (i - start >= batchSize || bytes + size > batchBytes)) {
      batches.push(records.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (start < records.length) batches.push(records.slice(start));
  return batches;
}

/** Sends `records` to `topic` as concurrent size-bounded requests; resolves when all are acknowledged. */
export async function sendAll(
  producer: KafkaProducer,
  topic: string,
  records: OutgoingRecord[],
): Promise<void> {
  await Promise.all(splitRecords(records).map((batch) => producer.send([{ topic, records: batch }])));
}
