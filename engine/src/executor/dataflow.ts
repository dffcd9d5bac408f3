/**
 * One dataflow: a root persistent query consuming its source topics from Kafka, and the queries
 * fused to it — each reads the sink topic of a query of this dataflow, and is fed that query's
 * sink records in-process instead of reading them back from Kafka. One consumer, one
 * transactional producer and ONE transaction per commit for all of them: every sink's records,
 * every changelog record, the root's source offsets, and each fused query's position on the sink
 * it reads (its own consumer group's committed offsets, so its progress shows as in ksqlDB and it
 * can leave the dataflow — run alone — from exactly where it is).
 *
 * Lifecycle: the dataflow restores every query's state, then (`seed`) each fused query catches up
 * on the records of its source topic it has not consumed yet (a query created after its source
 * had records, or one that ran alone before), in one first transaction, before the root consumes.
 * A failure of any query's computation or of a commit stops the whole dataflow, which restarts
 * from its committed state (backoff 1 s … 60 s).
 *
 * Cost: each fused query's group offsets are one more `sendOffsets` in every transaction (kafkajs
 * sends AddOffsetsToTxn then TxnOffsetCommit, one after another, per group), so a commit of the
 * election's tree makes ≈8 offset commits in a row; that is why fusion is opt-in
 * (`tally.dataflow.fuse=true`) until the positions move into the root group's one offset commit.
 */
import type { Logger } from '@tally/common';
import {
  type ConsumedRecord,
  type GroupPositions,
  murmur2Partition,
  type OutputRecord,
  type Processor,
  type TopicPosition,
  type TopicStore,
} from '../runtime/index.js';
import type { PersistentQuery, QueryRunState } from './persistent-query.js';

/** A fused query and the query of the same dataflow whose sink it reads. */
export interface FusedQuery {
  query: PersistentQuery;
  upstream: PersistentQuery;
}

export class Dataflow implements QueryRunState {
  private processor: Processor | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** Per fused query: the next offset of each partition of the topic it reads. */
  private readonly positions = new Map<string, Map<number, number>>();
  /** Partition count of each topic a fused query reads. */
  private readonly partitions = new Map<string, number>();
  /** Round robin for unkeyed records of fused topics. */
  private roundRobin = 0;

  /** `fused` in topological order: a query's upstream comes before it. */
  constructor(
    readonly root: PersistentQuery,
    readonly fused: FusedQuery[],
    private readonly store: TopicStore,
    private readonly logger: Logger,
  ) {
    for (const q of this.queries) q.runner = this;
  }

  /** Every query it runs, root first. */
  get queries(): PersistentQuery[] {
    return [this.root, ...this.fused.map((f) => f.query)];
  }

  get state(): QueryRunState['state'] {
    // Stopped to be re-formed (its queries' own state says when one is terminated).
    if (this.processor === undefined || this.stopped) return 'PENDING';
    return this.processor.state === 'ERROR'
      ? 'ERROR'
      : this.processor.state === 'STOPPED'
        ? 'TERMINATED'
        : 'RUNNING';
  }

  get error(): Error | undefined {
    return this.processor?.error;
  }

  /** Restores, catches up the fused queries, and starts consuming; restarts itself after failures. */
  async start(): Promise<void> {
    await this.run();
    this.supervise();
  }

  /** Stops consuming and commits what was computed. Answers whether it stopped cleanly. */
  async stop(): Promise<boolean> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.processor?.stop();
    return this.processor?.state === 'STOPPED';
  }

  private supervise(delayMs = 1000): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      if (this.stopped) return;
      if (this.processor?.state !== 'ERROR') return this.supervise(1000);
      for (const q of this.queries) q.restarts++;
      this.logger.warn(
        { queryId: this.root.id, fused: this.fused.map((f) => f.query.id), err: this.processor.error },
        'restarting failed persistent query',
      );
      try {
        await this.processor.stop();
        for (const q of this.queries) q.rebuild();
        await this.run();
      } catch (e) {
        this.logger.error({ err: e, queryId: this.root.id }, 'persistent query restart failed');
      }
      this.supervise(Math.min(delayMs * 2, 60_000));
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const queries = this.queries;
    await Promise.all(queries.map((q) => q.prepare()));
    for (const f of this.fused) {
      const topic = f.upstream.sinkTopic!;
      this.partitions.set(topic, (await this.store.describeTopic(topic))?.partitions ?? 1);
    }
    this.processor = await this.store.runProcessor(
      {
        queryId: this.root.id,
        groupId: this.root.appId,
        sources: this.root.sources,
        startFrom: this.root.startFrom,
        exactlyOnce: this.root.exactlyOnce,
        commitIntervalMs: this.root.commitIntervalMs,
      },
      {
        // After the processor fenced a zombie of this dataflow: its open transaction no longer
        // holds the changelogs' (and the fused topics') read_committed end back.
        restore: async () => {
          await Promise.all(queries.map((q) => q.restore()));
        },
        ...(this.fused.length === 0 ? {} : { seed: () => this.catchUp() }),
        process: (records) => this.process(this.root, records),
        // Changelogs once per commit: a key written by many batches of one commit is written once.
        flush: () => queries.flatMap((q) => q.flush()),
        groupPositions: (written) => this.advance(written),
        committed: ({ ms }) => {
          for (const q of queries) q.committed(ms);
        },
      },
    );
    if (this.stopped) {
      await this.processor.stop();
      return;
    }
    for (const q of queries) q.startSnapshots();
  }

  /** Computes `query`'s batch, then feeds its sink records to the queries fused to it. */
  private process(query: PersistentQuery, records: ConsumedRecord[]): OutputRecord[] {
    const out = query.processBatch(records);
    if (this.fused.length === 0) return out;
    const topic = query.sinkTopic;
    for (const f of this.fused) {
      if (f.upstream !== query) continue;
      const fed = this.asConsumed(f.query, topic!, out);
      for (const record of this.process(f.query, fed)) out.push(record);
    }
    return out;
  }

  /**
   * `query`'s sink records as its fused readers consume them. Each record is placed on its
   * partition here (as the producer would: murmur2 of the key), so the commit learns where each
   * partition's records end; offsets are the ones they will get if this dataflow is the topic's
   * only writer (ROWOFFSET of a fused read).
   */
  private asConsumed(reader: PersistentQuery, topic: string, out: OutputRecord[]): ConsumedRecord[] {
    const partitions = this.partitions.get(topic) ?? 1;
    const next = this.positionsOf(reader);
    const fed: ConsumedRecord[] = [];
    for (const record of out) {
      if (record.topic !== topic) continue;
      if (record.partition === undefined) {
        record.partition =
          record.key === null ? this.roundRobin++ % partitions : murmur2Partition(record.key, partitions);
      }
      const offset = next.get(record.partition) ?? 0;
      next.set(record.partition, offset + 1);
      fed.push({ ...record, partition: record.partition, offset });
    }
    return fed;
  }

  private positionsOf(query: PersistentQuery): Map<number, number> {
    let next = this.positions.get(query.id);
    if (next === undefined) {
      next = new Map();
      this.positions.set(query.id, next);
    }
    return next;
  }

  /**
   * The fused queries' positions after a commit's records: their groups' offsets in the same
   * transaction. The catch-up commit gives every position (the ends read, where nothing was written).
   */
  private advance(written: TopicPosition[]): GroupPositions[] {
    const seeding = this.seeding;
    this.seeding = false;
    const groups: GroupPositions[] = [];
    for (const f of this.fused) {
      const topic = f.upstream.sinkTopic!;
      const here = written.filter((w) => w.topic === topic);
      const next = this.positionsOf(f.query);
      const positions = here.map((w) => ({ ...w }));
      if (seeding) {
        for (const [partition, offset] of next)
          if (!here.some((w) => w.partition === partition)) positions.push({ topic, partition, offset });
      }
      for (const w of here) next.set(w.partition, w.offset);
      if (positions.length > 0) groups.push({ groupId: f.query.appId, positions });
    }
    return groups;
  }

  /**
   * Each fused query consumes, from its group's committed positions (or its start position), what
   * its source topic holds beyond them, then what its upstream computed catching up — in
   * topological order, so a chain catches up in one pass. Committed as one transaction, with every
   * fused query's position (`advance` for the topics written by it; here the ends read).
   */
  private async catchUp(): Promise<OutputRecord[]> {
    const reads = await Promise.all(
      this.fused.map(async (f) => {
        const topic = f.upstream.sinkTopic!;
        const ends = await this.store.offsets(topic);
        const committed = await this.store.committedOffsets(f.query.appId, [topic]);
        const from = ends.map((e) => ({
          partition: e.partition,
          offset:
            committed.find((c) => c.partition === e.partition)?.offset ??
            (f.query.startFrom === 'latest' ? e.high : 0),
        }));
        const behind = from.some((p) => p.offset < ends.find((e) => e.partition === p.partition)!.high);
        const high = new Map(ends.map((e) => [e.partition, e.high]));
        const records = behind
          ? (await this.store.readToEnd(topic, from)).filter((r) => r.offset < (high.get(r.partition) ?? 0))
          : [];
        return { ends, records };
      }),
    );
    const out: OutputRecord[] = [];
    const produced = new Map<PersistentQuery, OutputRecord[]>();
    this.fused.forEach((f, i) => {
      const { ends, records } = reads[i]!;
      const next = this.positionsOf(f.query);
      for (const e of ends) next.set(e.partition, e.high);
      const upstreamOut = produced.get(f.upstream) ?? [];
      const fed = [...records, ...this.asConsumed(f.query, f.upstream.sinkTopic!, upstreamOut)];
      const computed = f.query.processBatch(fed);
      produced.set(f.query, computed);
      for (const r of computed) out.push(r);
    });
    this.seeding = true;
    return out;
  }

  /** The next commit is the catch-up commit. */
  private seeding = false;
}
