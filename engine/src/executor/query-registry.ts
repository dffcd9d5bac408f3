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
import { Dataflow, type FusedQuery } from './dataflow.js';
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
  /** The root query of the dataflow running it (itself when it runs alone). */
  dataflow?: string;
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

/** The running persistent queries of one engine, grouped into dataflows (`dataflow.ts`). */
export class QueryRegistry {
  private readonly running = new Map<string, PersistentQuery>();
  private readonly flows = new Set<Dataflow>();
  /** Topics written by more than queries (INSERT VALUES): never fed in-process (until a restart). */
  private readonly externallyWritten = new Set<string>();
  /** Topology changes one at a time. */
  private changing: Promise<void> = Promise.resolve();

  constructor(private readonly options: QueryRegistryOptions) {}

  /** Starts a query with the request's properties over the server's. */
  async start(info: QueryInfo, sink: DataSource | undefined, props: Record<string, string>): Promise<void> {
    await this.startAll([{ info, sink, props }]);
  }

  /** Starts queries together (replay): each dataflow is formed and started once. */
  async startAll(
    queries: { info: QueryInfo; sink: DataSource | undefined; props: Record<string, string> }[],
  ): Promise<void> {
    const created = queries.map(({ info, sink, props }) => this.create(info, sink, props));
    for (const q of created) this.running.set(q.id, q);
    await this.change(created, []);
  }

  private create(
    info: QueryInfo,
    sink: DataSource | undefined,
    props: Record<string, string>,
  ): PersistentQuery {
    const { config, processingLogTopic, snapshots } = this.options;
    const reset = prop({ props }, config, 'auto.offset.reset') ?? 'latest';
    const guarantee = prop({ props }, config, 'processing.guarantee') ?? 'exactly_once_v2';
    return new PersistentQuery({
      id: info.id,
      serviceId: this.options.serviceId,
      plan: planOf(info, sink),
      ...(sink === undefined ? {} : { sink }),
      store: this.options.store,
      logger: this.options.logger,
      ...(processingLogTopic === undefined ? {} : { processingLogTopic }),
      ...(snapshots === undefined ? {} : { snapshots }),
      startFrom: reset === 'earliest' ? 'earliest' : 'latest',
      exactlyOnce: guarantee !== 'at_least_once',
      fuse: prop({ props }, config, 'tally.dataflow.fuse') === 'true',
      commitIntervalMs: Math.max(0, Number(prop({ props }, config, 'commit.interval.ms') ?? 0) || 0),
    });
  }

  /**
   * Called before anything but a query writes `topic` (INSERT VALUES, /inserts-stream): a query fed
   * in-process from it would miss those records, so from now on its readers read it from Kafka —
   * their dataflows are re-formed first (committing), so every record written after this is read.
   */
  async beforeExternalWrite(topic: string): Promise<void> {
    if (this.externallyWritten.has(topic)) return;
    const affected = [...this.flows].some((f) => f.fused.some((x) => x.upstream.sinkTopic === topic));
    this.externallyWritten.add(topic);
    if (affected) await this.change([], []);
  }

  /** Stops a query; with `deleteInternalTopics` also deletes its changelog topics. */
  async stop(id: string, deleteInternalTopics: boolean): Promise<void> {
    const q = this.running.get(id);
    if (q === undefined) return;
    this.running.delete(id);
    await this.change([], [{ query: q, discardState: deleteInternalTopics }]);
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
    await this.changing;
    const flows = [...this.flows];
    this.flows.clear();
    for (const flow of flows) {
      const clean = await flow.stop();
      for (const q of flow.queries) await q.finish(false, clean);
    }
    this.running.clear();
  }

  private change(added: PersistentQuery[], removed: { query: PersistentQuery; discardState: boolean }[]) {
    const next = this.changing.then(() => this.regroup(added, removed));
    this.changing = next.catch(() => undefined);
    return next;
  }

  /**
   * Re-forms the dataflows a change touches: those holding a removed query or the upstream of an
   * added one are stopped (committing what they computed), and their remaining queries and the
   * added ones are grouped again and started (each restores its state from its changelogs; a
   * fused query first catches up on its source topic).
   */
  private async regroup(
    added: PersistentQuery[],
    removed: { query: PersistentQuery; discardState: boolean }[],
  ): Promise<void> {
    const gone = new Set(removed.map((r) => r.query));
    const candidates = [...this.running.values()];
    const touched = [...this.flows].filter(
      (flow) =>
        flow.fused.some((f) => this.externallyWritten.has(f.upstream.sinkTopic!)) ||
        flow.queries.some(
          (q) =>
            gone.has(q) ||
            added.some(
              (a) =>
                this.fusable(a, q, candidates) ||
                // A second writer of a fused query's source: that query must read it from Kafka now.
                (a.sinkTopic !== undefined && q.sources.includes(a.sinkTopic)),
            ),
        ),
    );
    const regrouped = new Set<PersistentQuery>(added);
    for (const flow of touched) {
      this.flows.delete(flow);
      // A failed dataflow is restarted here rather than by its own supervision.
      if (flow.state === 'ERROR') for (const q of flow.queries) q.restarts++;
      const clean = await flow.stop();
      for (const q of flow.queries) {
        const leaving = removed.find((r) => r.query === q);
        if (leaving !== undefined) await q.finish(leaving.discardState, clean);
        else {
          q.rebuild();
          regrouped.add(q);
        }
      }
    }
    for (const r of removed)
      if (!touched.some((f) => f.queries.includes(r.query))) await r.query.finish(r.discardState, false);
    const members = [...regrouped];
    const upstreamOf = new Map<PersistentQuery, PersistentQuery>();
    for (const q of members) {
      const u = members.find((c) => c !== q && this.fusable(q, c, members));
      if (u !== undefined) upstreamOf.set(q, u);
    }
    const flows: Dataflow[] = [];
    for (const root of members.filter((q) => !upstreamOf.has(q))) {
      const fused: FusedQuery[] = [];
      const visit = (u: PersistentQuery): void => {
        for (const q of members)
          if (upstreamOf.get(q) === u) {
            fused.push({ query: q, upstream: u });
            visit(q);
          }
      };
      visit(root);
      flows.push(new Dataflow(root, fused, this.options.store, this.options.logger));
    }
    for (const flow of flows) this.flows.add(flow);
    await Promise.all(flows.map((flow) => flow.start()));
  }

  /**
   * Whether `q` can be fed in-process by `upstream`: it reads only `upstream`'s sink, which no
   * other of `among` writes, both exactly-once (a fused query commits in its upstream's
   * transaction). Only for queries created with `tally.dataflow.fuse=true` (request or server;
   * `ENGINE_FUSE_QUERIES=true`): off by default, see dataflow.ts on the cost of its commits.
   */
  private fusable(q: PersistentQuery, upstream: PersistentQuery, among: PersistentQuery[]): boolean {
    if (!q.fuse || !upstream.fuse) return false;
    const topic = upstream.sinkTopic;
    if (topic === undefined || !q.exactlyOnce || !upstream.exactlyOnce) return false;
    if (this.externallyWritten.has(topic)) return false;
    if (q.sources.length !== 1 || q.sources[0] !== topic || q.sinkTopic === topic) return false;
    return among.filter((w) => w.sinkTopic === topic).length === 1;
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

  /** The dataflows: each root query's id and the ids of the queries fused to it (tests, metrics). */
  dataflows(): { root: string; fused: string[] }[] {
    return [...this.flows].map((f) => ({ root: f.root.id, fused: f.fused.map((x) => x.query.id) }));
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
      ...(q.runner instanceof Dataflow ? { dataflow: q.runner.root.id } : {}),
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
