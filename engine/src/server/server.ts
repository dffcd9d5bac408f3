import type { AddressInfo } from 'node:net';
import type { Logger } from '@tally/common';
import { ErrorCodes, KsqlError } from '../errors.js';
import type { KsqlEngine } from '../executor/engine.js';
import { type BasicAuth, isUnauthenticatedPath, unauthorized } from './basic-auth.js';
import type { Route, RouteContext } from './context.js';
import { genericError, toErrorResponse } from './errors.js';
import { type Request, type Response, sendJson, sendText } from './http.js';
import type { KafkaHealth } from './kafka-health.js';
import { defaultLimits, PerConnection, type ServerLimits } from './limits.js';
import { createDualProtocolListener } from './listener.js';
import { createServerMetrics, metricsRoute, type ServerMetrics } from './metrics.js';
import { PushQueryRegistry } from './push-queries.js';
import { insertsStreamRoute } from './routes/inserts.js';
import { closeQueryRoute, queryRoute, queryStreamRoute } from './routes/queries.js';
import { ksqlRoute } from './routes/statements.js';
import {
  healthcheckRoute,
  infoRoute,
  liveRoute,
  readyRoute,
  rootRoute,
  statusesRoute,
  statusRoute,
} from './routes/status.js';

export interface KsqlServerOptions {
  /** The engine, or the promise of it: until it resolves every engine route answers 503/50302. */
  engine: KsqlEngine | Promise<KsqlEngine>;
  logger: Logger;
  /** Concurrent push queries allowed (ksqlDB's `ksql.max.push.queries`, default 100). */
  maxPushQueries?: number;
  /** How long `/ksql` waits for a `commandSequenceNumber` before 503/50301 (default 5 s). */
  commandTimeoutMs?: number;
  /** How long shutdown lets responses finish before cutting connections (default 5 s). */
  shutdownGraceMs?: number;
  /** Request, statement, per-connection and stalled-client limits (defaults: `defaultLimits`). */
  limits?: Partial<ServerLimits>;
  /**
   * The brokers' probed health, reported as `/healthcheck`'s `details.kafka` (503 when down).
   * Without it the engine's own answer is reported.
   */
  kafkaHealth?: KafkaHealth;
  /** HTTP basic authentication (ksqlDB's `authentication.method=BASIC`); none when unset. */
  auth?: BasicAuth;
}

export interface KsqlServer {
  /** Starts listening; resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  readonly metrics: ServerMetrics;
  /** Bytes of streamed responses the server holds, waiting for their clients to read. */
  bufferedBytes(): number;
  /** TCP connections open now. */
  connections(): number;
  /** Refuses new requests (503/50303), ends push queries, closes connections. Does not close the engine. */
  close(): Promise<void>;
}

/** A request header as one string (HTTP/2 may repeat it). */
function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type State = 'initializing' | 'ready' | 'failed' | 'terminating';

/**
 * ksqlDB's REST API over the engine, on one port for HTTP/1.1 and h2c. Routing, the
 * initializing/terminating states, metrics and the error envelope live here; each endpoint's
 * shapes live in `routes/`.
 */
export function createKsqlServer(options: KsqlServerOptions): KsqlServer {
  const { logger } = options;
  const metrics = createServerMetrics();
  const pushQueries = new PushQueryRegistry(options.maxPushQueries ?? 100);
  const limits: ServerLimits = { ...defaultLimits, ...options.limits };
  const pushQueriesPerConnection = new PerConnection();
  let state: State = 'initializing';
  let engine: KsqlEngine | undefined;
  Promise.resolve(options.engine).then(
    (ready) => {
      engine = ready;
      if (state === 'initializing') state = 'ready';
    },
    (error: unknown) => {
      logger.error({ err: error }, 'engine failed to start');
      if (state === 'initializing') state = 'failed';
    },
  );

  const routes: Route[] = [
    ksqlRoute,
    queryRoute,
    queryStreamRoute,
    closeQueryRoute,
    insertsStreamRoute,
    infoRoute,
    healthcheckRoute(options.kafkaHealth),
    statusesRoute,
    statusRoute,
    rootRoute,
    liveRoute,
    readyRoute,
    metricsRoute(metrics, () => engine),
  ];

  const match = (path: string): { route: Route; params: string[] }[] =>
    routes.flatMap((route) => {
      if (typeof route.path === 'string') return route.path === path ? [{ route, params: [] }] : [];
      const found = route.path.exec(path);
      return found ? [{ route, params: found.slice(1) }] : [];
    });

  const notReady = () => {
    if (state === 'terminating')
      return genericError(503, ErrorCodes.SERVER_SHUTTING_DOWN, 'Server shutting down');
    if (state === 'failed') return genericError(503, ErrorCodes.SERVER_NOT_READY, 'Server failed to start');
    return genericError(503, ErrorCodes.SERVER_NOT_READY, 'Server initializing');
  };

  const handle = async (request: Request, response: Response): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const candidates = match(path);
    const found = candidates.find((c) => c.route.method === request.method);
    if (!found) {
      request.resume();
      if (candidates.length === 0) sendText(response, 404, 'Not Found');
      else sendText(response, 405, 'Method Not Allowed');
      return;
    }
    const { route, params } = found;
    response.once('finish', () =>
      metrics.requests.inc({ endpoint: route.endpoint, status: response.statusCode }),
    );
    try {
      if (
        options.auth &&
        !isUnauthenticatedPath(path) &&
        !options.auth.allows(header(request, 'authorization'))
      ) {
        request.resume();
        throw unauthorized();
      }
      if (route.needsEngine !== false && (state !== 'ready' || !engine)) {
        request.resume();
        throw notReady();
      }
      const context: RouteContext = {
        engine: engine as KsqlEngine,
        logger,
        pushQueries,
        metrics,
        commandTimeoutMs: options.commandTimeoutMs ?? 5_000,
        limits,
        pushQueriesPerConnection,
      };
      await route.handle(request, response, context, params);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (!(error instanceof KsqlError)) logger.error({ err: error, path }, 'request failed');
      if (!response.headersSent) {
        if (status === 401) response.setHeader('www-authenticate', 'Basic realm="KsqlServer-Props"');
        sendJson(response, status, body);
      } else if (!response.writableEnded) response.end();
    }
  };

  const listener = createDualProtocolListener((request, response) => {
    void handle(request, response);
  });

  return {
    metrics,
    connections: () => listener.connections(),
    bufferedBytes: () => {
      let total = 0;
      for (const bytes of metrics.responseBuffers) total += bytes();
      return total;
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        listener.server.once('error', reject);
        listener.server.listen(port, host, () => {
          listener.server.off('error', reject);
          const bound = (listener.server.address() as AddressInfo).port;
          resolve({ port: bound, url: `http://${host}:${bound}` });
        });
      }),
    close: async () => {
      state = 'terminating';
      options.kafkaHealth?.close();
      await pushQueries.closeAll();
      if (listener.server.listening) await listener.close(options.shutdownGraceMs ?? 5_000);
    },
  };
}
