import { defaults, readEnv } from '@tally/common';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The engine process's environment, with defaults that work on one machine. */
export const engineEnvSchema = z.object({
  ENGINE_PORT: z.coerce.number().int().min(0).max(65_535).default(defaults.enginePort),
  /** 127.0.0.1 by default; 0.0.0.0 to serve other machines (ksqlDB listens on 0.0.0.0). */
  ENGINE_HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: z.string().min(1).default(defaults.kafkaBrokers),
  KSQL_SERVICE_ID: z.string().min(1).default('default_'),
  ENGINE_STATE_DIR: z.string().min(1).default('.tally/engine'),
  /**
   * State snapshots in ENGINE_STATE_DIR: every this many ms (and at a graceful stop) each query's
   * changed state stores are written to a file, so a restart reads only the changelogs' tails.
   * `0` turns snapshots off (restarts replay whole changelogs).
   */
  ENGINE_SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * With snapshots on, each state store keeps at most this many values decoded as objects; the
   * others stay as their changelog bytes (kept for snapshots anyway) and are decoded when read.
   * Bounds the JavaScript heap of stores with one entry per voter.
   */
  ENGINE_STATE_CACHE_ENTRIES: z.coerce.number().int().positive().default(20_000),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** `exactly_once_v2` (Kafka transactions per batch) or `at_least_once` (faster, may double count after a crash). */
  KSQL_PROCESSING_GUARANTEE: z.enum(['exactly_once_v2', 'at_least_once']).default('exactly_once_v2'),
  /**
   * `true`: a persistent query reading another's sink runs in that query's dataflow (fed
   * in-process, one consumer and one transaction per commit for both); `false` (default): every
   * query reads its sources from Kafka (`tally.dataflow.fuse`, also settable per query). Off by
   * default while each fused query's offsets cost the shared transaction a round trip of their
   * own (docs/benchmarks.md, "Dataflow fusion").
   */
  ENGINE_FUSE_QUERIES: z.enum(['true', 'false']).optional(),
  /** Concurrent push queries (ksqlDB's `ksql.max.push.queries`); more get 400/40003. */
  KSQL_MAX_PUSH_QUERIES: z.coerce.number().int().positive().default(100),
  /** Push queries open at once on one connection (HTTP/1.1 socket or HTTP/2 session); more get 400/40003. */
  ENGINE_MAX_PUSH_QUERIES_PER_CONNECTION: z.coerce.number().int().positive().default(50),
  /** Largest request body (and `/inserts-stream` line) in bytes; larger gets 413/41300. */
  ENGINE_MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /** Longest statement text (`ksql` / `sql`) in characters; longer gets 400/40000. */
  ENGINE_MAX_STATEMENT_CHARS: z.coerce.number().int().positive().default(1_000_000),
  /** A query response whose client reads nothing this long while rows wait is closed (0 = never). */
  ENGINE_PUSH_STALL_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often `/healthcheck`'s Kafka probe (cluster metadata) runs in the background. */
  ENGINE_HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  /** A Kafka probe without an answer this long reports Kafka unhealthy. */
  ENGINE_HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** ksqlDB's `authentication.method`: NONE, or BASIC (HTTP basic auth on every endpoint but health checks). */
  KSQL_AUTHENTICATION_METHOD: z.enum(['NONE', 'BASIC']).default('NONE'),
  /** BASIC: one user's name and password … */
  ENGINE_AUTH_USER: z.string().min(1).optional(),
  ENGINE_AUTH_PASSWORD: z.string().optional(),
  /** … and/or a Jetty HashLoginService file as ksqlDB's JAAS setup uses (`user: password[, role]` lines). */
  ENGINE_AUTH_FILE: z.string().min(1).optional(),
});

export type EngineConfig = z.infer<typeof engineEnvSchema>;

/** Command-line flags that override the environment (same meaning). */
export interface EngineFlags {
  port?: string;
  host?: string;
  kafkaBrokers?: string;
  serviceId?: string;
  stateDir?: string;
  logLevel?: string;
  processingGuarantee?: string;
}

/** Reads the configuration: flags win over environment variables, which win over defaults. */
export function readEngineConfig(
  flags: EngineFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): EngineConfig {
  const overrides: Record<string, string | undefined> = {
    ENGINE_PORT: flags.port,
    ENGINE_HOST: flags.host,
    KAFKA_BROKERS: flags.kafkaBrokers,
    KSQL_SERVICE_ID: flags.serviceId,
    ENGINE_STATE_DIR: flags.stateDir,
    LOG_LEVEL: flags.logLevel,
    KSQL_PROCESSING_GUARANTEE: flags.processingGuarantee,
  };
  const merged = { ...env };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) merged[name] = value;
  return readEnv(engineEnvSchema, merged);
}

/** The engine's server-level ksqlDB properties derived from the configuration. */
export function engineProperties(config: EngineConfig): Record<string, string> {
  return {
    'ksql.streams.processing.guarantee': config.KSQL_PROCESSING_GUARANTEE,
    ...(config.ENGINE_FUSE_QUERIES === 'true' ? { 'tally.dataflow.fuse': 'true' } : {}),
  };
}

/** The server's request and client limits from the configuration. */
export function serverLimits(config: EngineConfig) {
  return {
    maxRequestBytes: config.ENGINE_MAX_REQUEST_BYTES,
    maxStatementChars: config.ENGINE_MAX_STATEMENT_CHARS,
    maxPushQueriesPerConnection: config.ENGINE_MAX_PUSH_QUERIES_PER_CONNECTION,
    stallTimeoutMs: config.ENGINE_PUSH_STALL_TIMEOUT_MS,
  };
}
