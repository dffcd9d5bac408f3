import { mkdirSync } from 'node:fs';
import { createLogger, type Logger } from '@tally/common';
import type { EngineConfig } from './config.js';
import { engineProperties, serverLimits } from './config.js';
import type { KsqlEngine } from './executor/engine.js';
import { createKsqlEngine } from './executor/index.js';
import { createKafkaTopicStore } from './runtime/kafka/index.js';
import type { TopicStore } from './runtime/topic-store.js';
import { createBasicAuth, createKsqlServer, type KsqlServer, watchKafkaHealth } from './server/index.js';

/** A running engine process: the HTTP server, the engine behind it and its Kafka store. */
export interface EngineProcess {
  url: string;
  port: number;
  server: KsqlServer;
  /** Resolves once the command topic is replayed and the engine serves. */
  ready: Promise<KsqlEngine>;
  /**
   * Graceful shutdown: refuse new requests, end push queries, close connections, stop the
   * persistent queries (each finishes and commits its batch in flight), close Kafka.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Extra configs for every topic the store creates (tests: `{ 'retention.ms': '-1' }`). */
  topicConfig?: Record<string, string>;
  /** Extra server-level ksqlDB properties (e.g. `ksql.streams.auto.offset.reset`). */
  properties?: Record<string, string>;
}

/**
 * Starts the engine: the server listens at once (answering 503/50302 while the engine replays
 * its command topic), so health checks see the process quickly.
 */
export async function startEngineProcess(
  config: EngineConfig,
  options: StartOptions = {},
): Promise<EngineProcess> {
  const logger = options.logger ?? createLogger('tally-engine', { level: config.LOG_LEVEL });
  mkdirSync(config.ENGINE_STATE_DIR, { recursive: true });
  let store: TopicStore | undefined;
  const ready = (async () => {
    store = await createKafkaTopicStore({
      brokers: config.KAFKA_BROKERS,
      clientId: `tally-engine-${config.KSQL_SERVICE_ID}`,
      logger,
      ...(options.topicConfig ? { topicConfig: options.topicConfig } : {}),
    });
    return createKsqlEngine({
      store,
      serviceId: config.KSQL_SERVICE_ID,
      logger,
      stateDir: config.ENGINE_STATE_DIR,
      snapshotIntervalMs: config.ENGINE_SNAPSHOT_INTERVAL_MS,
      stateCacheEntries: config.ENGINE_STATE_CACHE_ENTRIES,
      config: { ...engineProperties(config), ...options.properties },
    });
  })();
  const server = createKsqlServer({
    engine: ready,
    logger,
    maxPushQueries: config.KSQL_MAX_PUSH_QUERIES,
    limits: serverLimits(config),
    kafkaHealth: watchKafkaHealth({
      probe: async () => {
        if (!store) throw new Error('not connected yet');
        await store.clusterId();
      },
      intervalMs: config.ENGINE_HEALTH_PROBE_INTERVAL_MS,
      timeoutMs: config.ENGINE_HEALTH_PROBE_TIMEOUT_MS,
      logger,
    }),
    ...(config.KSQL_AUTHENTICATION_METHOD === 'BASIC'
      ? {
          auth: createBasicAuth({
            user: config.ENGINE_AUTH_USER,
            password: config.ENGINE_AUTH_PASSWORD,
            credentialsFile: config.ENGINE_AUTH_FILE,
          }),
        }
      : {}),
  });
  const { port, url } = await server.listen(config.ENGINE_PORT, config.ENGINE_HOST);
  logger.info(
    {
      url,
      serviceId: config.KSQL_SERVICE_ID,
      brokers: config.KAFKA_BROKERS,
      authentication: config.KSQL_AUTHENTICATION_METHOD,
    },
    'engine listening',
  );
  ready.then(
    () => logger.info('engine ready'),
    () => undefined,
  );
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    server,
    ready,
    close: () => {
      closing ??= (async () => {
        await server.close();
        const engine = await ready.catch(() => undefined);
        await engine?.close();
        await store?.close();
      })();
      return closing;
    },
  };
}
