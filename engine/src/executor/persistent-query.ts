/**
 * A persistent query (CSAS/CTAS/INSERT INTO … SELECT, or a CREATE SOURCE TABLE's
 * materialization): its operators, its sink, its state stores (restored from their changelogs)
 * and its counters. It is run by a `Dataflow` (`dataflow.ts`): alone, or fused with the queries
 * that read its sink, whose batches it computes with `processBatch`.
 */
import type { Logger } from '@tally/common';
import type { DataSource } from '../analyzer/index.js';
import type { QueryPlan } from '../planner/index.js';
import {
  type ConsumedRecord,
  createPipeline,
  createSink,
  deserializationError,
  type OutputRecord,
  type Pipeline,
  processingError,
  QuerySnapshots,
  restoreStores,
  SerdeError,
  type Sink,
  type SnapshotSettings,
  type StartPosition,
  type TopicStore,
} from '../runtime/index.js';

export interface PersistentQueryOptions {
  id: string;
  serviceId: string;
  plan: QueryPlan;
  sink?: DataSource;
  store: TopicStore;
  logger: Logger;
  processingLogTopic?: string;
  /** State snapshots in the state folder (restarts read only the changelogs' tails); off if absent. */
  snapshots?: SnapshotSettings;
  /** Where to start when its consumer group has no committed offsets yet. */
  startFrom: StartPosition;
  /** exactly_once_v2 (default) or at_least_once. */
  exactlyOnce: boolean;
  /** `commit.interval.ms` (its dataflow's root's applies to the dataflow); 0 when absent. */
  commitIntervalMs?: number;
  /** May be fused into the dataflow of the query whose sink it reads (`tally.dataflow.fuse=true`; off by default). */
  fuse: boolean;
}

/** What a query's runner tells it of its state (the dataflow's processor). */
export interface QueryRunState {
  readonly state: 'RUNNING' | 'ERROR' | 'PENDING' | 'TERMINATED';
  readonly error: Error | undefined;
}

export class PersistentQuery {
  readonly id: string;
  pipeline: Pipeline;
  readonly appId: string;
  readonly startFrom: StartPosition;
  readonly exactlyOnce: boolean;
  readonly fuse: boolean;
  readonly commitIntervalMs: number;
  /** Set by the dataflow that runs the query. */
  runner: QueryRunState | undefined;
  private sink: Sink | undefined;
  private snapshots: QuerySnapshots | undefined;
  private stopped = false;
  /** Records sent to the processing log. */
  errorCount = 0;
  recordsIn = 0;
  recordsOut = 0;
  /** Commits written (Kafka transactions under exactly-once), and the time spent writing them. */
  commits = 0;
  commitMs = 0;
  /** Times the query was restarted after a failure. */
  restarts = 0;
  private batchLog: OutputRecord[] = [];

  constructor(private readonly options: PersistentQueryOptions) {
    this.id = options.id;
    this.appId = `_confluent-ksql-${options.serviceId}query_${options.id}`;
    this.startFrom = options.startFrom;
    this.exactlyOnce = options.exactlyOnce;
    this.fuse = options.fuse;
    this.commitIntervalMs = options.commitIntervalMs ?? 0;
    this.pipeline = this.buildPipeline();
  }

  /** The topics it reads. */
  get sources(): string[] {
    return this.options.plan.analyzed.topics;
  }

  /** The topic it writes (none for a source table's materialization). */
  get sinkTopic(): string | undefined {
    return this.options.sink?.topic;
  }

  private buildPipeline(): Pipeline {
    const options = this.options;
    return createPipeline(options.plan, {
      appId: this.appId,
      materialize: options.plan.analyzed.resultType === 'TABLE',
      report: (error, ctx) => {
        this.errorCount++;
        if (options.processingLogTopic !== undefined) {
          this.batchLog.push(processingError(options.processingLogTopic, this.id, ctx.stage, error, ctx.row));
        }
      },
    });
  }

  get state(): 'RUNNING' | 'ERROR' | 'PENDING' | 'TERMINATED' {
    if (this.stopped) return 'TERMINATED';
    return this.runner?.state ?? 'PENDING';
  }

  get error(): Error | undefined {
    return this.runner?.error;
  }

  /** Fresh operators and empty stores: the state is then rebuilt by `restore`. */
  rebuild(): void {
    this.pipeline = this.buildPipeline();
  }

  /** Builds the sink (windowed keys are placed by the key without its window: needs the partitions). */
  async prepare(): Promise<void> {
    const { store, sink } = this.options;
    const partitions =
      sink?.window === undefined ? undefined : (await store.describeTopic(sink.topic))?.partitions;
    this.sink = sink === undefined ? undefined : createSink(sink, partitions);
  }

  /** Restores the state stores: snapshot + changelog tail, or the whole changelogs (snapshots off). */
  async restore(): Promise<void> {
    const { store, logger, snapshots: settings } = this.options;
    const stores = this.pipeline.stores;
    this.snapshots?.close();
    this.snapshots = undefined;
    if (stores.length === 0) return;
    const snapshots =
      settings === undefined
        ? undefined
        : new QuerySnapshots({ settings, appId: this.appId, topics: store, stores, logger });
    this.snapshots = snapshots;
    const outcomes = await (snapshots?.restore() ?? restoreStores(store, stores, logger));
    logger.info({ queryId: this.id, stores: outcomes }, 'state restored');
  }

  /** Starts the periodic state snapshots (once running). */
  startSnapshots(): void {
    this.snapshots?.start();
  }

  /** Everything it computed before the last flush is committed. */
  committed(ms: number): void {
    this.commits++;
    this.commitMs += ms;
    this.snapshots?.afterCommit();
  }

  /** Its stores' changelog records since the last flush. */
  flush(): OutputRecord[] {
    return this.pipeline.stores.flatMap((s) => s.drain());
  }

  /** Computes records: sink records, then processing-log entries. */
  processBatch(records: ConsumedRecord[]): OutputRecord[] {
    const out: OutputRecord[] = [];
    this.batchLog = [];
    const logTopic = this.options.processingLogTopic;
    try {
      for (const r of records) {
        this.recordsIn++;
        let changes: ReturnType<Pipeline['process']>;
        try {
          changes = this.pipeline.process(r);
        } catch (e) {
          if (!(e instanceof SerdeError)) throw e;
          this.errorCount++;
          if (logTopic !== undefined) this.batchLog.push(deserializationError(logTopic, this.id, r, e));
          continue;
        }
        if (this.sink === undefined) continue;
        for (const c of changes) {
          try {
            out.push(this.sink(c));
            this.recordsOut++;
          } catch (e) {
            this.errorCount++;
            if (logTopic !== undefined)
              this.batchLog.push(processingError(logTopic, this.id, 'sink', e as Error, c.row));
          }
        }
      }
    } catch (e) {
      for (const s of this.pipeline.stores) s.discard();
      this.options.logger.error({ err: e, queryId: this.id }, 'persistent query failed');
      throw e;
    }
    for (const entry of this.batchLog) out.push(entry);
    this.batchLog = [];
    return out;
  }

  /**
   * Marks the query stopped (its dataflow stopped first, committing what it processed) and
   * snapshots its state; `discardState` (TERMINATE/DROP, which delete the changelogs too)
   * deletes its snapshots instead.
   */
  async finish(discardState: boolean, cleanly: boolean): Promise<void> {
    this.stopped = true;
    if (discardState) await this.snapshots?.discard();
    else if (cleanly) await this.snapshots?.finish();
    else this.snapshots?.close();
  }
}
