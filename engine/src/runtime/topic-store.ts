/**
 * The log the runtime reads and writes: real Kafka in production (`runtime/kafka/`), an in-memory
 * log for the topic-level conformance runner (as ksqlDB's own runner uses a test driver). Nothing
 * above this interface knows which one it talks to.
 */

/** Bytes as they are stored in a topic. A null value is a tombstone. */
export interface StoredRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** Record timestamp, epoch ms. */
  timestamp: number;
  /** Explicit partition; otherwise chosen from the key like the Java client (murmur2). */
  partition?: number;
  headers?: Record<string, Buffer>;
}

export interface ConsumedRecord extends StoredRecord {
  topic: string;
  partition: number;
  offset: number;
}

export interface OutputRecord extends StoredRecord {
  topic: string;
}

export interface TopicInfo {
  name: string;
  partitions: number;
  replicas: number;
  /** e.g. `{ 'cleanup.policy': 'compact' }` */
  config?: Record<string, string>;
}

export type StartPosition = 'earliest' | 'latest';

export interface ProcessorOptions {
  /** Stable per persistent query: its consumer group and the base of its transactional id. */
  queryId: string;
  groupId: string;
  sources: string[];
  /** Where to start when the group has no committed offsets yet. */
  startFrom: StartPosition;
  /** Outputs and input offsets in one Kafka transaction (exactly_once_v2) or not (at_least_once). */
  exactlyOnce: boolean;
}

/**
 * Processes one batch of records of one source partition and returns the records to write.
 * The store writes the outputs and commits the batch's offsets (atomically when exactly-once);
 * if it throws, nothing of the batch is committed and the processor goes to ERROR.
 */
export type ProcessBatch = (records: ConsumedRecord[]) => Promise<OutputRecord[]> | OutputRecord[];

export interface Processor {
  readonly state: 'RUNNING' | 'ERROR' | 'STOPPED';
  readonly error: Error | undefined;
  /** Stops consuming, finishing (committing) the batch in flight. */
  stop(): Promise<void>;
}

/** A transient reader (push queries): no consumer-group offsets are committed. */
export interface Tail {
  close(): Promise<void>;
}

export interface TopicStore {
  createTopic(topic: TopicInfo): Promise<void>;
  describeTopic(name: string): Promise<TopicInfo | undefined>;
  listTopics(): Promise<TopicInfo[]>;
  deleteTopic(name: string): Promise<void>;
  /** Appends records (acks=all, idempotent); resolves once they are durable. */
  produce(topic: string, records: StoredRecord[]): Promise<void>;
  /** Runs a persistent query's consume → compute → produce loop. */
  runProcessor(options: ProcessorOptions, process: ProcessBatch): Promise<Processor>;
  /**
   * Delivers the topics' records from `from` until closed. `onRecords` is awaited before more is
   * fetched, so a slow reader slows the tail instead of growing a buffer.
   */
  tail(
    topics: string[],
    from: StartPosition,
    onRecords: (records: ConsumedRecord[]) => Promise<void>,
  ): Promise<Tail>;
  /** Every committed record of the topic up to its end at call time (stream pull queries, restores, replay). */
  readToEnd(topic: string): Promise<ConsumedRecord[]>;
  clusterId(): Promise<string>;
  close(): Promise<void>;
}
