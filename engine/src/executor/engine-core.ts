/**
 * The engine: statement execution (sandbox validation of the whole request, then execution in
 * order), the command topic (append before acknowledging, replay at start), persistent and
 * transient query lifecycles, pull/push queries and insert targets.
 */
import type { Logger } from '@tally/common';
import { type DataSource, KsqlTypeError } from '../analyzer/index.js';
import { ErrorCodes, KsqlError, statementError } from '../errors.js';
import { explain, planQuery, type QueryPlan } from '../planner/index.js';
import {
  PROCESSING_LOG_COLUMNS,
  PROCESSING_LOG_STREAM,
  processingLogTopic,
  type StartPosition,
  type TopicStore,
} from '../runtime/index.js';
import {
  parseStatements,
  SqlSyntaxError,
  type Statement,
  splitStatements,
  substituteVariables,
} from '../syntax/index.js';
import { describe, show } from './admin.js';
import { type ExecContext, prop } from './context.js';
import { createAs, createSource, drop, insertSelect, terminate } from './ddl.js';
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
import { entity } from './entities.js';
import { insertRowRecord, insertValuesRecord } from './inserts.js';
import { Metastore, type QueryInfo } from './metastore.js';
import { PersistentQuery } from './persistent-query.js';
import { runPull } from './pull-query.js';
import { startPush } from './push-query.js';

export interface EngineCoreOptions {
  store: TopicStore;
  serviceId: string;
  logger: Logger;
  stateDir?: string;
  config?: Record<string, string>;
}

interface CommandRecord {
  statement: string;
  streamsProperties: Record<string, string>;
  originalProperties: Record<string, string>;
  queryId?: string;
  version: number;
}

const COMMAND_KINDS = new Set(['createSource', 'createAs', 'insertSelect', 'drop', 'terminate']);

function toStringProps(p: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = String(v);
  return out;
}

function toVars(p: Record<string, unknown> | undefined): Map<string, string> {
  return new Map(Object.entries(p ?? {}).map(([k, v]) => [k.toUpperCase(), String(v)]));
}

export class EngineCore implements KsqlEngine {
  readonly store: TopicStore;
  readonly serviceId: string;
  readonly logger: Logger;
  readonly config: Record<string, string>;
  readonly meta = new Metastore();
  readonly commandTopic: string;
  readonly processingLogTopic: string | undefined;
  private readonly running = new Map<string, PersistentQuery>();
  private readonly transient = new Map<string, RunningQuery & { source: string }>();
  private readonly commands = new Map<string, CommandStatus>();
  private nextSeq = 0;
  private serverState: HealthStatus['serverState'] = 'INITIALIZING';
  private clusterIdValue = '';
  private mutex: Promise<unknown> = Promise.resolve();

  constructor(options: EngineCoreOptions) {
    this.store = options.store;
    this.serviceId = options.serviceId;
    this.logger = options.logger;
    this.config = options.config ?? {};
    this.commandTopic = `_confluent-ksql-${this.serviceId}_command_topic`;
    this.processingLogTopic =
      this.config['ksql.logging.processing.topic.auto.create'] === 'false'
        ? undefined
        : processingLogTopic(this.serviceId);
  }

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
    if ((await this.store.describeTopic(this.commandTopic)) === undefined) {
      await this.store.createTopic({
        name: this.commandTopic,
        partitions: 1,
        replicas: 1,
        config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
      });
    }
    if (this.processingLogTopic !== undefined) {
      if ((await this.store.describeTopic(this.processingLogTopic)) === undefined) {
        await this.store.createTopic({ name: this.processingLogTopic, partitions: 1, replicas: 1 });
      }
      if (this.config['ksql.logging.processing.stream.auto.create'] !== 'false') {
        this.meta.sources.set(PROCESSING_LOG_STREAM, {
          name: PROCESSING_LOG_STREAM,
          type: 'STREAM',
          columns: PROCESSING_LOG_COLUMNS,
          topic: this.processingLogTopic,
          keyFormat: 'KAFKA',
          valueFormat: 'JSON',
          isSource: false,
          sql: `CREATE STREAM ${PROCESSING_LOG_STREAM} WITH (KAFKA_TOPIC='${this.processingLogTopic}', VALUE_FORMAT='JSON');`,
        });
      }
    }
    await this.replay();
    this.serverState = 'READY';
  }

  private async replay(): Promise<void> {
    const records = await this.store.readToEnd(this.commandTopic);
    const toStart: { info: QueryInfo; sink: DataSource | undefined; props: Record<string, string> }[] = [];
    const replayCore = this.replayFacade(toStart);
    for (const r of records) {
      this.nextSeq = r.offset + 1;
      if (r.value === null) continue;
      let cmd: CommandRecord;
      try {
        cmd = JSON.parse(r.value.toString()) as CommandRecord;
      } catch {
        this.logger.warn({ offset: r.offset }, 'skipping unreadable command');
        continue;
      }
      const ctx: ExecContext = {
        meta: this.meta,
        sandbox: false,
        props: cmd.streamsProperties ?? {},
        vars: new Map(),
        pendingTopics: new Set(),
        seq: r.offset,
        replay: cmd.queryId === undefined ? {} : { queryId: cmd.queryId },
      };
      try {
        const [parsed] = parseStatements(cmd.statement);
        if (parsed === undefined) continue;
        const result = await this.runStatement(replayCore, ctx, parsed.statement, parsed.text);
        this.recordStatus(result, parsed.statement, r.key?.toString());
      } catch (e) {
        this.logger.warn(
          { err: e, offset: r.offset, statement: cmd.statement },
          'command failed during replay; skipped',
        );
      }
    }
    // Queries restore their state concurrently (each reads its changelogs), then resume.
    await Promise.all(
      toStart
        .filter((s) => this.meta.queries.has(s.info.id))
        .map((s) => this.launch(s.info, s.sink, s.props)),
    );
  }

  /** During replay, queries are collected and started once the metastore is final. */
  private replayFacade(
    toStart: { info: QueryInfo; sink: DataSource | undefined; props: Record<string, string> }[],
  ): EngineCore {
    const core = Object.create(this) as EngineCore;
    core.startQuery = async (info, sink, ctx) => {
      toStart.push({ info, sink, props: ctx.props });
    };
    core.stopQuery = async () => undefined;
    return core;
  }

  async close(): Promise<void> {
    this.serverState = 'TERMINATING';
    for (const t of [...this.transient.values()]) await t.close();
    for (const q of this.running.values()) await q.stop();
    this.running.clear();
    this.serverState = 'TERMINATED';
  }

  // ---------------------------------------------------------------- queries (persistent)

  /** Starts a persistent query (called by DDL handlers outside the sandbox). */
  async startQuery(info: QueryInfo, sink: DataSource | undefined, ctx: ExecContext): Promise<void> {
    await this.launch(info, sink, ctx.props);
  }

  private async launch(
    info: QueryInfo,
    sink: DataSource | undefined,
    props: Record<string, string>,
  ): Promise<void> {
    const q = new PersistentQuery({
      id: info.id,
      serviceId: this.serviceId,
      plan: this.planOf(info, sink),
      ...(sink === undefined ? {} : { sink }),
      store: this.store,
      logger: this.logger,
      ...(this.processingLogTopic === undefined ? {} : { processingLogTopic: this.processingLogTopic }),
    });
    this.running.set(info.id, q);
    const reset = prop({ props }, this.config, 'auto.offset.reset') ?? 'latest';
    const guarantee = prop({ props }, this.config, 'processing.guarantee') ?? 'exactly_once_v2';
    await q.start(reset === 'earliest' ? 'earliest' : 'latest', guarantee !== 'at_least_once');
  }

  /** The stream plan of a persistent query. */
  planOf(info: QueryInfo, sink: DataSource | undefined): QueryPlan {
    return planQuery(
      info.id,
      info.analyzed,
      sink === undefined
        ? undefined
        : { name: sink.name, topic: sink.topic, keyFormat: sink.keyFormat, valueFormat: sink.valueFormat },
    );
  }

  /** Stops a persistent query; TERMINATE/DROP also delete its internal (changelog) topics. */
  async stopQuery(id: string, deleteInternalTopics = false): Promise<void> {
    const q = this.running.get(id);
    if (q === undefined) return;
    this.running.delete(id);
    await q.stop();
    if (deleteInternalTopics) {
      for (const s of q.pipeline.stores) {
        await this.store
          .deleteTopic(s.changelogTopic)
          .catch((e: unknown) =>
            this.logger.warn({ err: e, topic: s.changelogTopic }, 'could not delete internal topic'),
          );
      }
    }
  }

  queryState(id: string): string {
    const q = this.running.get(id);
    if (q === undefined) return 'RUNNING';
    return q.state === 'PENDING' ? 'RUNNING' : q.state;
  }

  queryStats(id: string): { statistics: string; errorStats: string } {
    const q = this.running.get(id);
    if (q === undefined) return { statistics: '', errorStats: '' };
    return {
      statistics: `messages-per-sec: 0 total-messages: ${q.recordsIn} last-message: n/a`,
      errorStats: `failed-messages: ${q.errorCount}`,
    };
  }

  /** Per-query counters (metrics, /status). */
  queryMetrics(): {
    id: string;
    state: string;
    recordsIn: number;
    recordsOut: number;
    errors: number;
    restarts: number;
    error?: string;
  }[] {
    return [...this.running.values()].map((q) => ({
      id: q.id,
      state: q.state,
      recordsIn: q.recordsIn,
      recordsOut: q.recordsOut,
      errors: q.errorCount,
      restarts: q.restarts,
      ...(q.error === undefined ? {} : { error: q.error.message }),
    }));
  }

  /** The running query materializing `table` (pull queries). */
  materializer(table: string): PersistentQuery | undefined {
    const writer =
      this.meta.writersOf(table).find((q) => q.kind === 'CTAS') ??
      this.meta.readersOf(table).find((q) => q.kind === 'CST');
    return writer === undefined ? undefined : this.running.get(writer.id);
  }

  transientIds(): string[] {
    return [...this.transient.keys()];
  }

  transientInfo(): Record<string, unknown>[] {
    return [...this.transient.values()].map((t) => ({
      queryString: '',
      sinks: [],
      sinkKafkaTopics: [],
      id: t.queryId,
      statusCount: { RUNNING: 1 },
      queryType: 'PUSH',
      state: 'RUNNING',
    }));
  }

  async closeAllTransient(): Promise<void> {
    for (const t of [...this.transient.values()]) await t.close();
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

  private parseOne(text: string, vars: Map<string, string>): { statement: Statement; text: string } {
    const substituted =
      this.config['ksql.variable.substitution.enable'] === 'false' ? text : substituteVariables(text, vars);
    try {
      const parsed = parseStatements(substituted);
      if (parsed.length !== 1) throw new SqlSyntaxError('line 1:1: expected exactly one statement', 0);
      return parsed[0]!;
    } catch (e) {
      if (e instanceof SqlSyntaxError) throw statementError(e.message, substituted);
      throw e;
    }
  }

  private async executeLocked(request: StatementRequest): Promise<KsqlEntity[]> {
    const texts = splitStatements(request.ksql);
    const baseProps = toStringProps(request.streamsProperties);
    // 1. Validate the whole request in a sandbox.
    const sandbox: ExecContext = {
      meta: this.meta.clone(),
      sandbox: true,
      props: { ...baseProps },
      vars: toVars(request.sessionVariables),
      pendingTopics: new Set(),
      seq: this.nextSeq,
    };
    for (const text of texts) {
      const { statement, text: stmtText } = this.parseOne(text, sandbox.vars);
      try {
        await this.runStatement(this, sandbox, statement, stmtText);
      } catch (e) {
        throw this.toKsqlError(e, stmtText, []);
      }
      if (COMMAND_KINDS.has(statement.kind)) sandbox.seq++;
    }
    // 2. Execute for real, appending commands to the command topic first.
    const ctx: ExecContext = {
      meta: this.meta,
      sandbox: false,
      props: { ...baseProps },
      vars: toVars(request.sessionVariables),
      pendingTopics: new Set(),
      seq: this.nextSeq,
    };
    const entities: KsqlEntity[] = [];
    for (const text of texts) {
      const { statement, text: stmtText } = this.parseOne(text, ctx.vars);
      try {
        if (
          COMMAND_KINDS.has(statement.kind) &&
          !(statement.kind === 'terminate' && this.isTransientId(statement.queryId))
        ) {
          ctx.seq = this.nextSeq;
          const queryId = this.predictQueryId(statement, ctx.seq);
          const record: CommandRecord = {
            statement: stmtText,
            streamsProperties: { ...ctx.props },
            originalProperties: {},
            version: 1,
          };
          if (queryId !== undefined) record.queryId = queryId;
          await this.store.produce(this.commandTopic, [
            {
              key: Buffer.from(this.commandIdOf(statement)),
              value: Buffer.from(JSON.stringify(record)),
              timestamp: Date.now(),
              partition: 0,
            },
          ]);
          this.nextSeq++;
        }
        const result = await this.runStatement(this, ctx, statement, stmtText);
        this.recordStatus(result, statement, undefined);
        if (result !== undefined) entities.push(result);
      } catch (e) {
        throw this.toKsqlError(e, stmtText, entities);
      }
    }
    return entities;
  }

  private isTransientId(id: string): boolean {
    return this.transient.has(id) || this.transient.has(id.toLowerCase());
  }

  private predictQueryId(s: Statement, seq: number): string | undefined {
    if (s.kind === 'createAs') {
      const existing = s.orReplace ? this.meta.writersOf(s.name).find((w) => w.kind !== 'INSERT') : undefined;
      return existing?.id ?? `${s.sourceType === 'STREAM' ? 'CSAS' : 'CTAS'}_${s.name}_${seq}`;
    }
    if (s.kind === 'insertSelect') return `INSERTQUERY_${seq}`;
    if (s.kind === 'createSource' && s.isSource && s.sourceType === 'TABLE') return `CST_${s.name}_${seq}`;
    return undefined;
  }

  private commandIdOf(s: Statement): string {
    switch (s.kind) {
      case 'createSource':
      case 'createAs':
        return `${s.sourceType.toLowerCase()}/\`${s.name}\`/create`;
      case 'insertSelect':
        return `stream/\`${s.target}\`/create`;
      case 'drop':
        return `${s.sourceType.toLowerCase()}/${s.name}/drop`;
      case 'terminate':
        return `terminate/${s.queryId}/execute`;
      default:
        return 'unknown';
    }
  }

  private recordStatus(result: KsqlEntity | undefined, s: Statement, key: string | undefined): void {
    if (result === undefined || result['@type'] !== 'currentStatus') return;
    const id = (result.commandId as string | undefined) ?? key ?? this.commandIdOf(s);
    const st = result.commandStatus as CommandStatus;
    this.commands.set(id, { ...st });
  }

  private toKsqlError(e: unknown, text: string, entities: KsqlEntity[]): KsqlError {
    if (e instanceof KsqlError) return e;
    if (e instanceof KsqlTypeError || e instanceof SqlSyntaxError)
      return statementError(e.message, text, entities);
    this.logger.error({ err: e, statement: text }, 'statement failed');
    return statementError((e as Error).message ?? String(e), text, entities);
  }

  /** Executes (or, in a sandbox, validates) one statement; returns its entity, if any. */
  async runStatement(
    core: EngineCore,
    ctx: ExecContext,
    s: Statement,
    text: string,
  ): Promise<KsqlEntity | undefined> {
    switch (s.kind) {
      case 'createSource':
        return createSource(core, ctx, s, text);
      case 'createAs':
        return createAs(core, ctx, s, text);
      case 'insertSelect':
        return insertSelect(core, ctx, s, text);
      case 'drop':
        return drop(core, ctx, s, text);
      case 'terminate':
        return terminate(core, ctx, s.queryId, text);
      case 'insertValues': {
        const record = insertValuesRecord(ctx.meta.sources.get(s.target), s.target, s.columns, s.values);
        if (!ctx.sandbox) await this.store.produce(ctx.meta.sources.get(s.target)!.topic, [record]);
        return undefined;
      }
      case 'query':
      case 'print':
        throw new KsqlError(
          400,
          ErrorCodes.QUERY_ENDPOINT,
          `The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT`,
          {
            kind: 'statement',
            statementText: text,
          },
        );
      case 'show':
        return show(core, ctx, s, text);
      case 'describe':
        return describe(core, ctx, s.name, s.extended, text);
      case 'describeFunction':
        return entity('describe_function', text, { name: s.name, description: '', functions: [] });
      case 'set':
        ctx.props[s.property] = s.value;
        return undefined;
      case 'unset':
        delete ctx.props[s.property];
        return undefined;
      case 'define':
        ctx.vars.set(s.name.toUpperCase(), s.value);
        return undefined;
      case 'undefine':
        if (!ctx.vars.delete(s.name.toUpperCase())) {
          return entity('warning_entity', text, {
            message: `Cannot undefine variable '${s.name}' which was never defined`,
          });
        }
        return undefined;
      case 'explain': {
        const id = s.queryId;
        const info = id === undefined ? undefined : this.meta.queries.get(id);
        if (id !== undefined && info === undefined)
          throw new KsqlTypeError(
            `Query with id:${id} does not exist, use SHOW QUERIES to view the full set of queries.`,
          );
        return entity('queryDescription', text, {
          queryDescription: {
            id: info?.id ?? '',
            statementText: info?.sql ?? text,
            windowType: info?.analyzed.window?.type ?? null,
            fields: [],
            sources: info?.sources ?? [],
            sinks: info?.sink === undefined ? [] : [info.sink],
            topology: '',
            executionPlan:
              info === undefined
                ? ''
                : explain(
                    this.planOf(info, info.sink === undefined ? undefined : this.meta.sources.get(info.sink)),
                  ),
            overriddenProperties: {},
            ksqlHostQueryStatus: {},
            queryType: 'PERSISTENT',
            queryErrors: [],
            tasksMetadata: [],
            state: this.queryState(info?.id ?? ''),
          },
        });
      }
    }
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
    const select = statement.query;
    const props = toStringProps(request.properties);
    try {
      if (select.emit === undefined) {
        const scan = prop({ props }, this.config, 'ksql.query.pull.table.scan.enabled') ?? 'true';
        const result = await runPull(
          select,
          this.meta,
          this.store,
          (t) => this.materializer(t),
          scan !== 'false',
        );
        async function* rows() {
          yield* result.rows;
        }
        return {
          queryId: `query_${Date.now()}`,
          kind: 'pull',
          columns: result.columns,
          rows: rows(),
          end: () => (result.completed ? 'completed' : 'closed'),
          close: async () => undefined,
        };
      }
      const source = this.meta.sources.get(select.from.name);
      if (source === undefined) throw new KsqlTypeError(`${select.from.name} does not exist.`);
      const id = `transient_${source.name}_${BigInt.asUintN(63, BigInt(Math.floor(Math.random() * 2 ** 53)) * 1024n + BigInt(Math.floor(Math.random() * 1024)))}`;
      const from: StartPosition =
        (prop({ props }, this.config, 'auto.offset.reset') ?? 'latest') === 'earliest'
          ? 'earliest'
          : 'latest';
      const q = await startPush({
        id,
        select,
        source,
        store: this.store,
        from,
        onClose: () => this.transient.delete(id),
        lookup: (name) => this.meta.sources.get(name),
      });
      if (q.end() === 'open') this.transient.set(id, { ...q, source: source.name });
      return q;
    } catch (e) {
      throw this.toKsqlError(e, text, []);
    }
  }

  async closeQuery(queryId: string): Promise<boolean> {
    const q = this.transient.get(queryId);
    if (q === undefined) return false;
    await q.close();
    this.transient.delete(queryId);
    return true;
  }

  // ---------------------------------------------------------------- /inserts-stream

  async openInsertTarget(target: string): Promise<InsertTarget> {
    this.ensureReady();
    const name = target.startsWith('`') && target.endsWith('`') ? target.slice(1, -1) : target.toUpperCase();
    const resolve = () => this.meta.sources.get(name);
    const initial = resolve();
    try {
      insertRowRecordCheck(initial, name);
    } catch (e) {
      throw this.toKsqlError(e, '', []);
    }
    return {
      insert: async (row) => {
        const source = resolve();
        const record = insertRowRecord(source, name, row);
        await this.store.produce(source!.topic, [record]);
      },
    };
  }

  // ---------------------------------------------------------------- status

  info(): ServerInfo {
    return {
      version: '0.29.0',
      kafkaClusterId: this.clusterIdValue,
      ksqlServiceId: this.serviceId,
      serverStatus: [...this.running.values()].some((q) => q.state === 'ERROR') ? 'DEGRADED' : 'RUNNING',
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
    const out: Record<string, CommandStatus['status']> = {};
    for (const [k, v] of this.commands) out[k] = v.status;
    return out;
  }

  commandStatus(commandId: string): CommandStatus | undefined {
    return this.commands.get(commandId);
  }
}

function insertRowRecordCheck(source: DataSource | undefined, name: string): void {
  if (source === undefined)
    throw new KsqlTypeError(`Cannot insert values into an unknown stream/table: ${name}`);
  if (source.isSource)
    throw new KsqlTypeError(`Cannot insert values into read-only ${source.type.toLowerCase()}: ${name}`);
}
