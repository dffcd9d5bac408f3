/**
 * The persistent queries running in this engine, by id: starting one from its `QueryInfo` (plan,
 * start position, processing guarantee), stopping it (TERMINATE/DROP also delete its changelog
 * topics), and what SHOW QUERIES, DESCRIBE, /status, metrics and pull queries read of them.
 */
import type { Logger } from '@tally/common';
import type { DataSource } from '../analyzer/index.js';
import { planQuery, type QueryPlan } from '../planner/index.js';
import type { SnapshotSettings, TopicStore } from '../runtime/index.js';
import { prop } from './context.js';
import type { Metastore, QueryInfo } from './metastore.js';
import { PersistentQuery } from './persistent-query.js';

/** What every persistent query of one engine shares. */
export interface QueryRegistryOptions {
  store: TopicStore;
  serviceId: string;
  logger: Logger;
  /** Server-level properties (start position and processing guarantee defaults). */
  config: Record<string, string>;
  processingLogTopic: string | undefined;
  /** State snapshots (runtime/snapshot/); off if absent. */
  snapshots?: SnapshotSettings;
}

/** Per-query counters (metrics, /status). */
export interface QueryMetrics {
  id: string;
  state: string;
  recordsIn: number;
  recordsOut: number;
  errors: number;
  restarts: number;
  commits: number;
  commitSeconds: number;
  error?: string;
}

/** The stream plan of a persistent query writing into `sink` (none for a source table). */
export function planOf(info: QueryInfo, sink: DataSource | undefined): QueryPlan {
  return planQuery(
    info.id,
    info.analyzed,
    sink === undefined
      ? undefined
      : { name: sink.name, topic: sink.topic, keyFormat: sink.keyFormat, valueFormat: sink.valueFormat },
  );
}

/** The running persistent queries of one engine. */
export class QueryRegistry {
  private readonly running = new Map<string, PersistentQuery>();

  constructor(private readonly options: QueryRegistryOptions) {}

  /** Starts a query with the request's properties over the server's. */
  async start(info: QueryInfo, sink: DataSource | undefined, props: Record<string, string>): Promise<void> {
    const { config, processingLogTopic, snapshots } = this.options;
    const q = new PersistentQuery({
      id: info.id,
      serviceId: this.options.serviceId,
      plan: planOf(info, sink),
      ...(sink === undefined ? {} : { sink }),
      store: this.options.store,
      logger: this.options.logger,
      ...(processingLogTopic === undefined ? {} : { processingLogTopic }),
      ...(snapshots === undefined ? {} : { snapshots }),
    });
    this.running.set(info.id, q);
    const reset = prop({ props }, config, 'auto.offset.reset') ?? 'latest';
    const guarantee = prop({ props }, config, 'processing.guarantee') ?? 'exactly_once_v2';
    await q.start(reset === 'earliest' ? 'earliest' : 'latest', guarantee !== 'at_least_once');
  }

  /** Stops a query; with `deleteInternalTopics` also deletes its changelog topics. */
  async stop(id: string, deleteInternalTopics: boolean): Promise<void> {
    const q = this.running.get(id);
    if (q === undefined) return;
    this.running.delete(id);
    await q.stop(deleteInternalTopics);
    if (!deleteInternalTopics) return;
    for (const s of q.pipeline.stores) {
      await this.options.store
        .deleteTopic(s.changelogTopic)
        .catch((e: unknown) =>
          this.options.logger.warn({ err: e, topic: s.changelogTopic }, 'could not delete internal topic'),
        );
    }
  }

  /** Stops every query (engine shutdown); topics are kept. */
  async stopAll(): Promise<void> {
    for (const q of this.running.values()) await q.stop();
    this.running.clear();
  }

  /** The state SHOW QUERIES reports (RUNNING until the query says otherwise). */
  state(id: string): string {
    const q = this.running.get(id);
    if (q === undefined) return 'RUNNING';
    return q.state === 'PENDING' ? 'RUNNING' : q.state;
  }

  /** DESCRIBE EXTENDED's statistics lines. */
  stats(id: string): { statistics: string; errorStats: string } {
    const q = this.running.get(id);
    if (q === undefined) return { statistics: '', errorStats: '' };
    return {
      statistics: `messages-per-sec: 0 total-messages: ${q.recordsIn} last-message: n/a`,
      errorStats: `failed-messages: ${q.errorCount}`,
    };
  }

  /** Counters of every running query. */
  metrics(): QueryMetrics[] {
    return [...this.running.values()].map((q) => ({
      id: q.id,
      state: q.state,
      recordsIn: q.recordsIn,
      recordsOut: q.recordsOut,
      errors: q.errorCount,
      restarts: q.restarts,
      commits: q.commits,
      commitSeconds: q.commitMs / 1000,
      ...(q.error === undefined ? {} : { error: q.error.message }),
    }));
  }

  /** Whether any query has failed (server status DEGRADED). */
  anyFailed(): boolean {
    return [...this.running.values()].some((q) => q.state === 'ERROR');
  }

  /** The running query materializing `table` (pull queries): its CTAS, or its source-table query. */
  materializer(meta: Metastore, table: string): PersistentQuery | undefined {
    const writer =
      meta.writersOf(table).find((q) => q.kind === 'CTAS') ??
      meta.readersOf(table).find((q) => q.kind === 'CST');
    return writer === undefined ? undefined : this.running.get(writer.id);
  }
}
