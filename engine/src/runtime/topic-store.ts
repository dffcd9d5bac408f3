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
  /** Every header in record order, repeated keys and null values included (as consumed). */
  headerList?: readonly { key: string; value: Buffer | null }[];
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

/** A position in one partition: the offset of the next record to read. */
export interface PartitionOffset {
  partition: number;
  offset: number;
}

/** A position in one topic-partition: the offset of the next record to read. */
export interface TopicPosition extends PartitionOffset {
  topic: string;
}

/** Positions a consumer group other than the processor's own commits in the same transaction. */
export interface GroupPositions {
  groupId: string;
  positions: TopicPosition[];
}

/** One partition's range: `low` is its first offset still stored, `high` the next offset to be written. */
export interface PartitionRange {
  partition: number;
  low: number;
  high: number;
}

export interface ProcessorOptions {
  /** Stable per persistent query: its consumer group and the base of its transactional id. */
  queryId: string;
  groupId: string;
  sources: string[];
  /** Where to start when the group has no committed offsets yet. */
  startFrom: StartPosition;
  /** Outputs and input offsets in one Kafka transaction (exactly_once_v2) or not (at_least_once). */
  exactlyOnce: boolean;
  /**
   * `commit.interval.ms`: the least time between the starts of two commits (default 0: a commit
   * starts as soon as the previous one is written). The in-memory log commits every batch.
   */
  commitIntervalMs?: number;
}

/**
 * A persistent query's computation, driven by the store's processor loop.
 *
 * The loop calls `process` for each batch of one source partition, then commits: the outputs of
 * every batch processed since the last commit, the records `flush` returns (state changelogs),
 * and the input offsets — atomically under exactly-once. Several batches may share one commit
 * (group commit: while one transaction is in flight the next batches are computed). If anything
 * throws, nothing since the last commit is committed and the processor goes to ERROR: the owner
 * must rebuild its state from the changelogs before it runs again.
 */
export interface BatchHandler {
  /**
   * Rebuilds the state before the first batch. Called once the processor owns the query's
   * transactional id (a zombie's open transaction is aborted), so changelogs read to their end.
   */
  restore?(): Promise<void>;
  /**
   * Called once after `restore`, before the first batch: records to commit in a first transaction
   * of their own (a fused downstream query catching up on its source topic, see executor/dataflow.ts).
   */
  seed?(): Promise<OutputRecord[] | undefined>;
  /**
   * Other groups' positions to commit with a transaction, given where its records went: for each
   * topic-partition whose records all carried an explicit partition, a reader's position once it
   * read them (after the last record and, on Kafka, the transaction's commit marker).
   * Exactly-once only (a fused dataflow commits its downstream queries' positions on the
   * upstream sinks, so each query's consumer group shows its true progress).
   */
  groupPositions?(written: TopicPosition[]): GroupPositions[];
  /** Computes one batch: the sink and processing-log records it produces. */
  process(records: ConsumedRecord[]): OutputRecord[];
  /** Records to commit with everything processed since the last flush; called right before a commit. */
  flush?(): OutputRecord[];
  /** Everything processed before the last `flush` is committed (outputs, changelogs, offsets). */
  committed?(commit: CommitInfo): void;
}

/** One commit as written: its records (outputs, changelogs, processing log) and how long it took. */
export interface CommitInfo {
  records: number;
  ms: number;
}

export interface Processor {
  readonly state: 'RUNNING' | 'ERROR' | 'STOPPED';
  readonly error: Error | undefined;
  /** Stops consuming and commits what was processed. */
  stop(): Promise<void>;
}

/** A transient reader (push queries): no consumer-group offsets are committed. */
export interface Tail {
  close(): Promise<void>;
}

export interface TopicStore {
  createTopic(topic: TopicInfo): Promise<void>;
  /** Creates, in one request, those of `topics` that do not exist; answers the names it created. */
  createMissingTopics(topics: TopicInfo[]): Promise<string[]>;
  describeTopic(name: string): Promise<TopicInfo | undefined>;
  listTopics(): Promise<TopicInfo[]>;
  deleteTopic(name: string): Promise<void>;
  /** Appends records (acks=all, idempotent); resolves once they are durable. */
  produce(topic: string, records: StoredRecord[]): Promise<void>;
  /** Runs a persistent query's consume → compute → produce loop. */
  runProcessor(options: ProcessorOptions, handler: BatchHandler): Promise<Processor>;
  /**
   * Delivers the topics' records from `from` until closed. `onRecords` is awaited before more is
   * fetched, so a slow reader slows the tail instead of growing a buffer. `onFailed` is called
   * once when the tail stops for good before it is closed — `onRecords` threw, or the consumer
   * died — and nothing is delivered after it.
   */
  tail(
    topics: string[],
    from: StartPosition,
    onRecords: (records: ConsumedRecord[]) => Promise<void>,
    onFailed?: (error: Error) => void,
  ): Promise<Tail>;
  /**
   * Every committed record of the topic up to its end at call time (stream pull queries, restores,
   * replay); with `from`, only records at or after those positions (a state snapshot's changelog tail;
   * partitions not listed are read from their start).
   */
  readToEnd(topic: string, from?: PartitionOffset[]): Promise<ConsumedRecord[]>;
  /** The group's committed positions on the topics (partitions without a commit are left out). */
  committedOffsets(groupId: string, topics: string[]): Promise<TopicPosition[]>;
  /** Each partition's first and next offsets (state snapshots record and check changelog positions). */
  offsets(topic: string): Promise<PartitionRange[]>;
  clusterId(): Promise<string>;
  close(): Promise<void>;
}
