/**
 * The engine: statement execution (sandbox validation of the whole request, then execution in
 * order), the command topic (append before acknowledging, replay at start), persistent and
 * transient query lifecycles, pull/push queries and insert targets. Each of those jobs lives in its
 * own module; this class holds the engine's state and runs requests one at a time.
 */
import type { Logger } from '@tally/common';
import type { DataSource } from '../analyzer/index.js';
import { ErrorCodes, KsqlError, statementError } from '../errors.js';
import type { QueryPlan } from '../planner/index.js';
import {
  PROCESSING_LOG_COLUMNS,
  PROCESSING_LOG_STREAM,
  processingLogTopic,
  type StoredRecord,
  type TopicStore,
} from '../runtime/index.js';
import { splitStatements, splitStatementsAt, type TextOrigin } from '../syntax/index.js';
import { CommandLog, isCommand, predictQueryId } from './command-log.js';
import type { ExecContext } from './context.js';
import type {
  CommandStatus,
  HealthStatus,
  InsertTarget,
  KsqlEngine,
  KsqlEntity,
  QueryRequest,
  RunningQuery,
  ServerInfo,
  StatementRequest,
} from './engine.js';
import { insertRowRecord, writableSource } from './inserts.js';
import { Metastore, type QueryInfo } from './metastore.js';
import { openQuery } from './open-query.js';
import type { PersistentQuery } from './persistent-query.js';
import { planOf, type QueryMetrics, QueryRegistry } from './query-registry.js';
import { replayCommands } from './replay.js';
import { parseOne, toStringProps, toVars } from './request-input.js';
import { runStatement } from './run-statement.js';
import { toKsqlError } from './to-ksql-error.js';
import { TransientQueries } from './transient-queries.js';

export interface EngineCoreOptions {
  store: TopicStore;
  serviceId: string;
  logger: Logger;
  stateDir?: string;
  /** State snapshots in `stateDir` every this many ms and at a graceful stop; 0 or absent: off. */
  snapshotIntervalMs?: number;
  /** With snapshots: values each state store keeps decoded (the rest stay as bytes); default all. */
  stateCacheEntries?: number;
  config?: Record<string, string>;
}

export class EngineCore implements KsqlEngine {
  readonly store: TopicStore;
  readonly serviceId: string;
  readonly logger: Logger;
  readonly config: Record<string, string>;
  readonly meta = new Metastore();
  readonly commandLog: CommandLog;
  readonly commandTopic: string;
  readonly processingLogTopic: string | undefined;
  /** The persistent queries running here. */
  readonly queries: QueryRegistry;
  /** The push queries open here. */
  readonly transient = new TransientQueries();
  private serverState: HealthStatus['serverState'] = 'INITIALIZING';
  private clusterIdValue = '';
  private mutex: Promise<unknown> = Promise.resolve();

  constructor(options: EngineCoreOptions) {
    this.store = options.store;
    this.serviceId = options.serviceId;
    this.logger = options.logger;
    this.config = options.config ?? {};
    this.commandLog = new CommandLog(this.store, this.serviceId);
    this.commandTopic = this.commandLog.topic;
    this.processingLogTopic =
      this.config['ksql.logging.processing.topic.auto.create'] === 'false'
        ? undefined
        : processingLogTopic(this.serviceId);
    this.queries = new QueryRegistry({
      store: this.store,
      serviceId: this.serviceId,
      logger: this.logger,
      config: this.config,
      processingLogTopic: this.processingLogTopic,
      ...(options.stateDir !== undefined && (options.snapshotIntervalMs ?? 0) > 0
        ? {
            snapshots: {
              stateDir: options.stateDir,
              intervalMs: options.snapshotIntervalMs!,
              ...(options.stateCacheEntries === undefined ? {} : { cacheEntries: options.stateCacheEntries }),
            },
          }
        : {}),
    });
  }

  /** The server properties SHOW PROPERTIES lists under the configured ones. */
  defaultProperties(): Record<string, string> {
    return {
      'ksql.service.id': this.serviceId,
      'ksql.streams.auto.offset.reset': 'latest',
      'ksql.streams.processing.guarantee': 'exactly_once_v2',
      'ksql.persistence.default.format.key': 'KAFKA',
      'ksql.query.pull.table.scan.enabled': 'true',
    };
  }

  // ---------------------------------------------------------------- lifecycle

  /** Creates internal topics and replays the command topic; the engine serves once this resolves. */
  async start(): Promise<void> {
    this.clusterIdValue = await this.store.clusterId();
    await this.commandLog.create();
    if (this.processingLogTopic !== undefined) await this.createProcessingLog(this.processingLogTopic);
    const toStart = await replayCommands(this, await this.commandLog.read(this.logger));
    // Queries form their dataflows and restore their state concurrently, then resume.
    await this.queries.startAll(toStart);
    this.serverState = 'READY';
  }

  /** The processing-log topic and, unless disabled, the KSQL_PROCESSING_LOG stream over it. */
  private async createProcessingLog(topic: string): Promise<void> {
    if ((await this.store.describeTopic(topic)) === undefined) {
      await this.store.createTopic({ name: topic, partitions: 1, replicas: 1 });
    }
    if (this.config['ksql.logging.processing.stream.auto.create'] === 'false') return;
    this.meta.sources.set(PROCESSING_LOG_STREAM, {
      name: PROCESSING_LOG_STREAM,
      type: 'STREAM',
      columns: PROCESSING_LOG_COLUMNS,
      topic,
      keyFormat: 'KAFKA',
      valueFormat: 'JSON',
      isSource: false,
      sql: `CREATE STREAM ${PROCESSING_LOG_STREAM} WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`,
    });
  }

  async close(): Promise<void> {
    this.serverState = 'TERMINATING';
    await this.transient.closeAll();
    await this.queries.stopAll();
    this.serverState = 'TERMINATED';
  }

  // ---------------------------------------------------------------- queries (persistent)

  /** Starts a persistent query (called by DDL handlers outside the sandbox). */
  async startQuery(info: QueryInfo, sink: DataSource | undefined, ctx: ExecContext): Promise<void> {
    await this.queries.start(info, sink, ctx.props);
  }

  /** The stream plan of a persistent query. */
  planOf(info: QueryInfo, sink: DataSource | undefined): QueryPlan {
    return planOf(info, sink);
  }

  /** Writes records into a source's topic for a client (INSERT VALUES, /inserts-stream). */
  async writeRecords(topic: string, records: StoredRecord[]): Promise<void> {
    await this.queries.beforeExternalWrite(topic);
    await this.store.produce(topic, records);
  }

  /** Stops a persistent query; TERMINATE/DROP also delete its internal (changelog) topics. */
  async stopQuery(id: string, deleteInternalTopics = false): Promise<void> {
    await this.queries.stop(id, deleteInternalTopics);
  }

  queryState(id: string): string {
    return this.queries.state(id);
  }

  queryStats(id: string): { statistics: string; errorStats: string } {
    return this.queries.stats(id);
  }

  /** Per-query counters (metrics, /status). */
  /**
   * The last command-topic offset applied (`/ksql`'s `commandSequenceNumber` waits for it): a
   * command is appended, then run, and its response — the only place a client learns its number —
   * is sent once it has run; statements run one at a time. −1 before the first command.
   */
  lastCommandSequenceNumber(): number {
    return this.commandLog.next - 1;
  }

  queryMetrics(): QueryMetrics[] {
    return this.queries.metrics();
  }

  /** The running query materializing `table` (pull queries). */
  materializer(table: string): PersistentQuery | undefined {
    return this.queries.materializer(this.meta, table);
  }

  transientIds(): string[] {
    return this.transient.ids();
  }

  transientInfo(): Record<string, unknown>[] {
    return this.transient.info();
  }

  async closeAllTransient(): Promise<void> {
    await this.transient.closeAll();
  }

  // ---------------------------------------------------------------- /ksql

  private ensureReady(): void {
    if (this.serverState === 'INITIALIZING')
      throw new KsqlError(503, ErrorCodes.SERVER_NOT_READY, 'Server initializing');
    if (this.serverState !== 'READY')
      throw new KsqlError(503, ErrorCodes.SERVER_SHUTTING_DOWN, 'The server is shutting down');
  }

  async execute(request: StatementRequest): Promise<KsqlEntity[]> {
    this.ensureReady();
    const run = this.mutex.then(() => this.executeLocked(request));
    this.mutex = run.catch(() => undefined);
    return run;
  }

  private parseOne(text: string, vars: Map<string, string>, at?: TextOrigin, meta: Metastore = this.meta) {
    return parseOne(text, vars, this.config['ksql.variable.substitution.enable'] !== 'false', at, meta.types);
  }

  private async executeLocked(request: StatementRequest): Promise<KsqlEntity[]> {
    const parts = splitStatementsAt(request.ksql);
    const baseProps = toStringProps(request.streamsProperties);
    // 1. Validate the whole request in a sandbox.
    const sandbox: ExecContext = {
      meta: this.meta.clone(),
      sandbox: true,
      props: { ...baseProps },
      vars: toVars(request.sessionVariables),
      pendingTopics: new Set(),
      seq: this.commandLog.next,
    };
    for (const part of parts) {
      const { statement, text: stmtText } = this.parseOne(part.text, sandbox.vars, part, sandbox.meta);
      try {
        await runStatement(this, sandbox, statement, stmtText);
      } catch (e) {
        throw toKsqlError(e, stmtText, [], this.logger);
      }
      if (isCommand(statement)) sandbox.seq++;
    }
    // 2. Execute for real, appending commands to the command topic first.
    const ctx: ExecContext = {
      meta: this.meta,
      sandbox: false,
      props: { ...baseProps },
      vars: toVars(request.sessionVariables),
      pendingTopics: new Set(),
      seq: this.commandLog.next,
    };
    const entities: KsqlEntity[] = [];
    for (const part of parts) {
      const { statement, text: stmtText } = this.parseOne(part.text, ctx.vars, part);
      try {
        if (
          isCommand(statement) &&
          !(statement.kind === 'terminate' && this.transient.has(statement.queryId))
        ) {
          ctx.seq = this.commandLog.next;
          const queryId = predictQueryId(this.meta, statement, ctx.seq);
          await this.commandLog.append(statement, stmtText, ctx.props, queryId);
        }
        const result = await runStatement(this, ctx, statement, stmtText);
        this.commandLog.record(result, statement, undefined);
        if (result !== undefined) entities.push(result);
      } catch (e) {
        throw toKsqlError(e, stmtText, entities, this.logger);
      }
    }
    return entities;
  }

  // ---------------------------------------------------------------- /query, /query-stream

  async query(request: QueryRequest): Promise<RunningQuery> {
    this.ensureReady();
    const vars = toVars(request.sessionVariables);
    const texts = splitStatements(request.sql);
    if (texts.length !== 1) throw statementError('Expected exactly one statement', request.sql);
    const { statement, text } = this.parseOne(texts[0]!, vars);
    if (statement.kind !== 'query')
      throw statementError(`Statement type ${statement.kind} is not a query. Use /ksql.`, text);
    try {
      return await openQuery(this, statement.query, toStringProps(request.properties));
    } catch (e) {
      throw toKsqlError(e, text, [], this.logger);
    }
  }

  async closeQuery(queryId: string): Promise<boolean> {
    return this.transient.close(queryId);
  }

  // ---------------------------------------------------------------- /inserts-stream

  async openInsertTarget(target: string): Promise<InsertTarget> {
    this.ensureReady();
    const name = target.startsWith('`') && target.endsWith('`') ? target.slice(1, -1) : target.toUpperCase();
    const resolve = () => this.meta.sources.get(name);
    try {
      writableSource(resolve(), name);
    } catch (e) {
      throw toKsqlError(e, '', [], this.logger);
    }
    return {
      insert: async (row) => {
        const source = resolve();
        const record = insertRowRecord(source, name, row);
        await this.writeRecords(source!.topic, [record]);
      },
    };
  }

  // ---------------------------------------------------------------- status

  info(): ServerInfo {
    return {
      version: '0.29.0',
      kafkaClusterId: this.clusterIdValue,
      ksqlServiceId: this.serviceId,
      serverStatus: this.queries.anyFailed() ? 'DEGRADED' : 'RUNNING',
    };
  }

  health(): HealthStatus {
    const ready = this.serverState === 'READY';
    return {
      isHealthy: ready,
      details: {
        metastore: { isHealthy: true },
        kafka: { isHealthy: true },
        commandRunner: { isHealthy: ready },
      },
      serverState: this.serverState,
    };
  }

  commandStatuses(): Record<string, CommandStatus['status']> {
    return this.commandLog.all();
  }

  commandStatus(commandId: string): CommandStatus | undefined {
    return this.commandLog.status(commandId);
  }
}
