/**
 * A running persistent query (CSAS/CTAS/INSERT INTO … SELECT, or a CREATE SOURCE TABLE's
 * materialization): restores its state stores from their changelogs, then runs its pipeline on
 * the store's processor loop, writing sink records, changelog records and processing-log entries
 * of each batch together (one transaction under exactly-once).
 */
import type { Logger } from '@tally/common';
import type { DataSource } from '../analyzer/index.js';
import type { QueryPlan } from '../planner/index.js';
import {
  createPipeline,
  createSink,
  deserializationError,
  type OutputRecord,
  type Pipeline,
  type Processor,
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
}

export class PersistentQuery {
  readonly id: string;
  pipeline: Pipeline;
  readonly appId: string;
  private sink: Sink | undefined;
  private processor: Processor | undefined;
  private snapshots: QuerySnapshots | undefined;
  private stopped = false;
  /** Records sent to the processing log. */
  errorCount = 0;
  recordsIn = 0;
  recordsOut = 0;
  /** Commits written (Kafka transactions under exactly-once), and the time spent writing them. */
  commits = 0;
  commitMs = 0;
  private batchLog: OutputRecord[] = [];

  constructor(private readonly options: PersistentQueryOptions) {
    this.id = options.id;
    this.appId = `_confluent-ksql-${options.serviceId}query_${options.id}`;
    this.pipeline = this.buildPipeline();
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
    if (this.processor === undefined) return 'PENDING';
    return this.processor.state === 'ERROR'
      ? 'ERROR'
      : this.processor.state === 'STOPPED'
        ? 'TERMINATED'
        : 'RUNNING';
  }

  get error(): Error | undefined {
    return this.processor?.error;
  }

  /** Restores state from the changelogs, then starts consuming; restarts the query if it fails. */
  async start(startFrom: StartPosition, exactlyOnce: boolean): Promise<void> {
    this.startFrom = startFrom;
    this.exactlyOnce = exactlyOnce;
    await this.run();
    this.supervise();
  }

  /** Times the query was restarted after a failure. */
  restarts = 0;
  private startFrom: StartPosition = 'latest';
  private exactlyOnce = true;
  private timer: NodeJS.Timeout | undefined;

  /**
   * A failed processor committed nothing of its last batch, but the in-memory state saw it: the
   * state is rebuilt from the changelogs and the query resumes from its committed offsets, with
   * exponential backoff (1 s … 60 s).
   */
  private supervise(delayMs = 1000): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      if (this.stopped) return;
      if (this.processor?.state !== 'ERROR') return this.supervise(1000);
      this.restarts++;
      this.options.logger.warn(
        { queryId: this.id, err: this.processor.error, restarts: this.restarts },
        'restarting failed persistent query',
      );
      try {
        await this.processor.stop();
        this.pipeline = this.buildPipeline();
        await this.run();
      } catch (e) {
        this.options.logger.error({ err: e, queryId: this.id }, 'persistent query restart failed');
      }
      this.supervise(Math.min(delayMs * 2, 60_000));
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const { store, sink } = this.options;
    // Windowed keys are placed by the key without its window, which needs the topic's partitions.
    const partitions =
      sink?.window === undefined ? undefined : (await store.describeTopic(sink.topic))?.partitions;
    this.sink = sink === undefined ? undefined : createSink(sink, partitions);
    const startFrom = this.startFrom;
    const exactlyOnce = this.exactlyOnce;
    let snapshots: QuerySnapshots | undefined;
    this.processor = await store.runProcessor(
      {
        queryId: this.id,
        groupId: this.appId,
        sources: this.options.plan.analyzed.topics,
        startFrom,
        exactlyOnce,
      },
      {
        // After the processor fenced a zombie of this query: its open transaction no longer
        // holds the changelogs' read_committed end back.
        restore: async () => {
          snapshots = await this.restore();
        },
        process: (records) => this.processBatch(records),
        // Changelogs once per commit: a key written by many batches of one commit is written once.
        flush: () => this.pipeline.stores.flatMap((s) => s.drain()),
        committed: ({ ms }) => {
          this.commits++;
          this.commitMs += ms;
          snapshots?.afterCommit();
        },
      },
    );
    if (this.stopped) {
      await this.processor.stop();
      return;
    }
    snapshots?.start();
  }

  /** Restores the state stores: snapshot + changelog tail, or the whole changelogs (snapshots off). */
  private async restore(): Promise<QuerySnapshots | undefined> {
    const { store, logger, snapshots: settings } = this.options;
    const stores = this.pipeline.stores;
    this.snapshots?.close();
    this.snapshots = undefined;
    if (stores.length === 0) return undefined;
    const snapshots =
      settings === undefined
        ? undefined
        : new QuerySnapshots({ settings, appId: this.appId, topics: store, stores, logger });
    this.snapshots = snapshots;
    const outcomes = await (snapshots?.restore() ?? restoreStores(store, stores, logger));
    logger.info({ queryId: this.id, stores: outcomes }, 'state restored');
    return snapshots;
  }

  private processBatch(records: Parameters<Pipeline['process']>[0][]): OutputRecord[] {
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
   * Stops the query, committing what it processed, and snapshots its state; `discardState`
   * (TERMINATE/DROP, which delete the changelogs too) deletes its snapshots instead.
   */
  async stop(discardState = false): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.processor?.stop();
    if (discardState) await this.snapshots?.discard();
    else if (this.processor?.state === 'STOPPED') await this.snapshots?.finish();
    else this.snapshots?.close();
  }
}
