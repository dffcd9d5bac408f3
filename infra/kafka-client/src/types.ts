/** A record to produce. Keys and values are bytes or UTF-8 strings; null value = tombstone. */
export interface OutgoingRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  /** Record timestamp in epoch milliseconds (default: now, set by the client). */
  timestamp?: number;
  headers?: Record<string, string | Buffer>;
}

/** A consumed record. Offsets and timestamps are plain numbers (offsets stay far below 2^53). */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Header values; a header without a value is left out. */
  headers: Record<string, Buffer>;
  /** Every header in record order, repeated keys and null values included (ksqlDB's HEADERS columns). */
  headerList: readonly RecordHeader[];
}

/** One record header as it is on the wire. */
export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  replicas?: number;
  /** Topic configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  config?: Record<string, string>;
}

export interface PartitionOffsets {
  partition: number;
  /** First offset still in the log. */
  low: number;
  /** Next offset to be written (the high watermark; for read_committed, the last stable offset). */
  high: number;
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to consume (last processed + 1). */
  offset: number;
}

export interface TopicDescription {
  name: string;
  partitions: { partition: number; leader: number; replicas: number[] }[];
}

/** One fetched batch of a single partition, handed to a consumer's handler. */
export interface RecordBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  highWatermark: number;
}
