/**
 * The public surface of Tally's ksqlDB REST client. Written from ksqlDB's contract; it talks to a
 * real ksqlDB or the embedded engine alike, and never imports `engine/`.
 */

/**
 * A column value. Numbers are lossless: integers within ±2^53 are `number`, larger ones `bigint`;
 * DOUBLE is `number`; DECIMAL is a `string` that keeps its scale (`"12.30"`). STRUCT → object,
 * ARRAY → array, MAP → object, TIMESTAMP/DATE/TIME → the server's string.
 */
export type KsqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | KsqlValue[]
  | { [field: string]: KsqlValue };

export interface KsqlColumn {
  name: string;
  /** ksqlDB type spelling, e.g. `BIGINT`, `STRUCT<\`F\` STRING>`. */
  type: string;
  /** True for key columns (pull queries only mark them). */
  key: boolean;
}

export interface QueryHeader {
  queryId: string | undefined;
  columns: KsqlColumn[];
}

export type KsqlRow = KsqlValue[];

/** A pull query's complete answer. */
export interface PullResult {
  header: QueryHeader;
  rows: KsqlRow[];
}

/** One change from a push query. `tombstone` rows (deletes) carry only their key columns. */
export interface PushRow {
  values: KsqlRow;
  tombstone: boolean;
}

/**
 * A running push query: iterate it for rows; `close()` cancels it on the server (/close-query
 * for /query-stream, disconnect for /query). Iteration ends after LIMIT or close, and throws a
 * `KsqlClientError` if the query fails or the connection drops.
 */
export interface PushQuery extends AsyncIterable<PushRow> {
  readonly queryId: string | undefined;
  readonly header: QueryHeader;
  close(): Promise<void>;
}

/** Which /query-stream response format to ask for. `v1` keeps tombstones; the others drop them. */
export type QueryFormat = 'delimited' | 'json' | 'v1';

export interface RequestOptions {
  /** Per-request properties, e.g. `{ 'auto.offset.reset': 'earliest' }`. */
  properties?: Record<string, string | number | boolean>;
  /** Values for `${name}` substitution on the server. */
  variables?: Record<string, string>;
  /** Aborts the request (and cancels a push query). */
  signal?: AbortSignal;
}

export interface StatementOptions extends RequestOptions {
  /** Wait until the server has applied the command topic up to this number. */
  commandSequenceNumber?: number;
}

export interface QueryOptions extends RequestOptions {
  format?: QueryFormat;
}

/** An entity of the /ksql response, as the server sent it, discriminated by `@type`. */
export type KsqlEntity = {
  '@type': string;
  statementText?: string;
  warnings?: { message: string }[];
} & Record<string, unknown>;

export interface ServerInfo {
  version: string;
  kafkaClusterId: string;
  ksqlServiceId: string;
  serverStatus?: string;
}

export interface HealthCheck {
  isHealthy: boolean;
  details: Record<string, { isHealthy: boolean }>;
  serverState?: string;
}

export interface InsertAck {
  seq: number;
}

export interface KsqlClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8088` (KSQLDB_URL). */
  url: string;
  /** `h2` (cleartext HTTP/2, prior knowledge — what ksqlDB's Java client uses) or `http1`. Default `h2`. */
  protocol?: 'h2' | 'http1';
  /** Timeout of non-streaming requests in ms (default 30 s). */
  timeoutMs?: number;
  /** Retries of safe failures (503, connection refused before sending); default 5 with backoff. */
  retries?: number;
  /**
   * Basic auth, if the server needs it. Default: the URL's `user:password@`, else the
   * environment's `KSQLDB_USER` / `KSQLDB_PASSWORD` (see `resolveCredentials`).
   */
  auth?: { username: string; password: string };
  /** Where `KSQLDB_USER` / `KSQLDB_PASSWORD` are read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export interface KsqlClient {
  /** POST /ksql: one or more statements, each ending in `;`. */
  execute(ksql: string, options?: StatementOptions): Promise<KsqlEntity[]>;
  /** A pull query (a SELECT without EMIT), read to its end. */
  pull(sql: string, options?: QueryOptions): Promise<PullResult>;
  /** A push query (`... EMIT CHANGES;`), as an async iterable of changes. */
  push(sql: string, options?: QueryOptions): Promise<PushQuery>;
  /** POST /inserts-stream (HTTP/2): inserts rows into a stream or table; resolves with every ack. */
  insert(target: string, rows: Record<string, unknown>[], options?: RequestOptions): Promise<InsertAck[]>;
  /** POST /close-query. */
  closeQuery(queryId: string): Promise<void>;
  info(): Promise<ServerInfo>;
  healthcheck(): Promise<HealthCheck>;
  close(): Promise<void>;
}
