/**
 * The engine as the REST layer sees it. `server/` speaks HTTP and ksqlDB's framing; everything
 * about SQL, sources, queries and state lives behind this interface. Errors are thrown as
 * `KsqlError` (../errors.ts) carrying ksqlDB's status and error code.
 */

/** Body of POST /ksql (unknown fields ignored). */
export interface StatementRequest {
  ksql: string;
  streamsProperties?: Record<string, unknown>;
  sessionVariables?: Record<string, unknown>;
  commandSequenceNumber?: number;
}

/**
 * One entity of the /ksql response array, exactly as ksqlDB shapes it (`currentStatus`, `streams`,
 * `tables`, `queries`, `properties`, `sourceDescription`, `kafka_topics`, `warning_entity`, ...).
 */
export type KsqlEntity = { '@type': string; statementText: string; warnings: { message: string }[] } & Record<
  string,
  unknown
>;

/** Body of POST /query-stream (`sql`) or POST /query (`ksql`), normalised. */
export interface QueryRequest {
  sql: string;
  properties?: Record<string, unknown>;
  sessionVariables?: Record<string, unknown>;
}

export interface QueryColumn {
  /** Plain name as stored (unquoted identifiers upper-cased). */
  name: string;
  /** ksqlDB type spelling: `STRING`, `BIGINT`, `DECIMAL(4, 2)`, ``STRUCT<`F` INTEGER>``, ... */
  type: string;
  /** Key column of a pull query (headers mark it ` KEY`); always false for push queries. */
  key: boolean;
}

/** One result row. `json` is the JSON array of the column values, rendered as ksqlDB renders them. */
export interface QueryRow {
  json: string;
  /** A table row deletion (push queries on tables): only key columns are non-null. */
  tombstone?: boolean;
}

/** How a query's row stream ended, for the v1 `finalMessage`. */
export type QueryEnd = 'limit' | 'completed' | 'closed' | 'open';

export interface RunningQuery {
  queryId: string;
  kind: 'pull' | 'push';
  columns: QueryColumn[];
  /**
   * The rows. Pulled by the server as it writes them, so a slow client slows the query instead of
   * making the engine buffer. Ends on LIMIT, at the end of a pull query, or after `close()`;
   * throws a `KsqlError` if the query fails mid-stream.
   */
  rows: AsyncIterable<QueryRow>;
  /** Why `rows` ended (valid once it has ended). */
  end(): QueryEnd;
  close(): Promise<void>;
}

/** A target opened by POST /inserts-stream. */
export interface InsertTarget {
  /** Inserts one row given as a JSON object (field names matched like identifiers). */
  insert(row: Record<string, unknown>): Promise<void>;
}

export interface ServerInfo {
  version: string;
  kafkaClusterId: string;
  ksqlServiceId: string;
  serverStatus: 'RUNNING' | 'ERROR' | 'DEGRADED';
}

export interface HealthStatus {
  isHealthy: boolean;
  details: Record<string, { isHealthy: boolean }>;
  serverState: 'INITIALIZING' | 'READY' | 'TERMINATING' | 'TERMINATED';
}

export interface CommandStatus {
  status: 'QUEUED' | 'PARSING' | 'EXECUTING' | 'RUNNING' | 'TERMINATED' | 'SUCCESS' | 'ERROR';
  message: string;
  queryId: string | null;
}

export interface KsqlEngine {
  /** Runs /ksql statements: parse all, validate all in a sandbox, then execute in order. */
  execute(request: StatementRequest): Promise<KsqlEntity[]>;
  /** Starts a pull or push query (decided by EMIT, as in ksqlDB). */
  query(request: QueryRequest): Promise<RunningQuery>;
  /** Closes a push query by id (/close-query); false when unknown. */
  closeQuery(queryId: string): Promise<boolean>;
  /** Opens an insert target (/inserts-stream); throws KsqlError for unknown or read-only targets. */
  openInsertTarget(target: string, properties?: Record<string, unknown>): Promise<InsertTarget>;
  info(): ServerInfo;
  health(): HealthStatus;
  commandStatuses(): Record<string, CommandStatus['status']>;
  commandStatus(commandId: string): CommandStatus | undefined;
  close(): Promise<void>;
}
