import type { TopicPartitionOffset } from '@tally/kafka-client';
import type { BatchHandler, OutputRecord } from '../topic-store.js';

/** Writes one commit: the records and the input offsets (next offset to read) together. */
export type CommitWriter = (records: OutputRecord[], offsets: TopicPartitionOffset[]) => Promise<void>;

/**
 * Group commit for a processor loop: processed batches queue here and are committed by one writer,
 * one commit at a time. While a commit (a Kafka transaction: several round trips) is in flight the
 * consumer goes on fetching and computing, and everything computed meanwhile goes into the next
 * commit. So an idle query commits each batch at once (lowest latency) and a busy one commits
 * fewer, larger transactions (highest throughput) without a timer to tune.
 *
 * `maxPendingRecords` bounds memory: `add` waits for the commit in flight while more are queued.
 * After a failed commit every later `add` throws: nothing since the last commit may be committed
 * (the handler's state saw it), so the owner stops and rebuilds.
 */
export class GroupCommitter {
  private records: OutputRecord[] = [];
  private readonly offsets = new Map<string, TopicPartitionOffset>();
  private inFlight: Promise<void> | undefined;
  /** Settles when the commit being written now does (never rejects). */
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  /** When the last commit started (performance.now()). */
  private lastStarted = Number.NEGATIVE_INFINITY;
  /** Ends the wait for `commitIntervalMs` early (memory bound reached, or draining). */
  private wake: (() => void) | undefined;

  /**
   * `commitIntervalMs` (Kafka Streams' `commit.interval.ms`): a commit starts no sooner than this
   * after the previous one started — fewer, larger transactions for more latency. 0 (default):
   * as soon as the previous one is written.
   */
  constructor(
    private readonly handler: BatchHandler,
    private readonly write: CommitWriter,
    private readonly onError: (error: Error) => void,
    private readonly maxPendingRecords = 50_000,
    private readonly commitIntervalMs = 0,
  ) {}

  /** Queues a processed batch (its outputs and the offset after its last record) for commit. */
  async add(outputs: OutputRecord[], next: TopicPartitionOffset): Promise<void> {
    if (this.failure) throw this.failure;
    for (const record of outputs) this.records.push(record);
    this.offsets.set(`${next.topic}/${next.partition}`, next);
    this.kick();
    if (this.records.length >= this.maxPendingRecords) this.wake?.();
    while (this.records.length >= this.maxPendingRecords && this.inFlight) await this.writing;
    if (this.failure) throw this.failure;
  }

  /**
   * Commits `records` (and the handler's `flush`) in a commit of their own, with no input offsets,
   * before any batch is added; throws if that commit fails.
   */
  async seed(records: OutputRecord[]): Promise<void> {
    for (const record of this.handler.flush?.() ?? []) records.push(record);
    const started = performance.now();
    await this.write(records, []);
    this.handler.committed?.({ records: records.length, ms: performance.now() - started });
  }

  /** Commits everything queued and waits for it (graceful stop). */
  async drain(): Promise<void> {
    this.kick();
    this.wake?.();
    while (this.inFlight) await this.inFlight;
  }

  /** Waits until `commitIntervalMs` after the last commit started (or until woken). */
  private async waitForInterval(): Promise<void> {
    const wait = this.lastStarted + this.commitIntervalMs - performance.now();
    if (wait <= 0 || this.records.length >= this.maxPendingRecords) return;
    const waiting = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    // `add` waits on `writing` while the queue is full: it must not spin on a settled promise.
    this.writing = waiting;
    await waiting;
    this.wake = undefined;
  }

  private kick(): void {
    if (this.inFlight === undefined && this.failure === undefined && this.offsets.size > 0) {
      this.inFlight = this.commitQueued();
    }
  }

  private async commitQueued(): Promise<void> {
    try {
      while (this.offsets.size > 0) {
        await this.waitForInterval();
        // Taken synchronously together: the changelog matches exactly the batches these offsets cover.
        const records = this.records;
        const offsets = [...this.offsets.values()];
        this.records = [];
        this.offsets.clear();
        for (const record of this.handler.flush?.() ?? []) records.push(record);
        const started = performance.now();
        this.lastStarted = started;
        const writing = this.write(records, offsets);
        this.writing = writing.then(
          () => undefined,
          () => undefined,
        );
        await writing;
        this.handler.committed?.({ records: records.length, ms: performance.now() - started });
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.records = [];
      this.offsets.clear();
      this.onError(this.failure);
    } finally {
      // Cleared in the same tick as the last emptiness check: no batch can be stranded.
      this.inFlight = undefined;
    }
  }
}
