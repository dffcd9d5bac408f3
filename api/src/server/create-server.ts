import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, defaults, type Logger } from '@tally/common';
import { createKsqlClient, type KsqlClient } from '@tally/ksql';
import { createYoga, maskError } from 'graphql-yoga';
import { createCandidateRegister } from '../data/candidate-register.js';
import { createElectionStore } from '../data/election-store.js';
import { createTableReader, memoizeReader } from '../data/table-reader.js';
import { type ApiServices, createContext } from '../graphql/context.js';
import { createApiSchema } from '../graphql/schema.js';
import type { BackoffOptions } from '../live/backoff.js';
import { createKsqlTableFeed } from '../live/ksql-feed.js';
import { LiveResults } from '../live/live-results.js';
import { graphiqlOptions, renderOfflineGraphiQL } from './graphiql.js';
import { readiness, sendJson } from './health.js';
import { queryLimitPlugins, refuseBadBody } from './limits.js';
import { type ApiMetrics, createMetrics } from './metrics.js';
import { createStaticHandler } from './static.js';
import { attachGraphqlWs } from './websocket.js';
import { useBearerToken, useOperationMetrics } from './yoga-plugins.js';

/** Options of `createApiServer`; every field has the default of the matching env variable. */
export interface ApiServerOptions {
  /** Port (API_PORT, default 4000; 0 picks a free one). */
  port?: number;
  /** Interface (API_HOST, default 127.0.0.1). */
  host?: string;
  /** ksqlDB (KSQLDB_URL, default http://127.0.0.1:8088); ignored when `ksqlClient` is given. */
  ksqldbUrl?: string;
  /** A ksqlDB client to use instead of creating one (it is not closed by `close()`). */
  ksqlClient?: KsqlClient;
  /** PostgreSQL (DATABASE_URL). */
  databaseUrl?: string;
  /** Bearer token required on HTTP and in graphql-ws `connection_init` (API_TOKEN). */
  token?: string | undefined;
  /** Allowed browser origins (API_CORS_ORIGINS); any origin when unset. */
  corsOrigins?: string[] | undefined;
  /** The built dashboard to serve at `/` (API_STATIC_DIR). */
  staticDir?: string | undefined;
  /** Operations open at once on one graphql-ws connection (API_MAX_SUBSCRIPTIONS_PER_CONNECTION, default 20). */
  maxSubscriptionsPerConnection?: number;
  /** Bytes a graphql-ws socket may hold unsent before it is closed as a slow subscriber (API_WS_MAX_BUFFERED_BYTES, default 4 MiB). */
  maxBufferedBytes?: number;
  /** Show whom a voter voted for in `Query.voter` (API_EXPOSE_BALLOTS, default false). */
  exposeBallots?: boolean;
  /** Maximum selection depth, introspection included (default 25: GraphiQL's introspection, 21, fits). */
  maxDepth?: number;
  /** Maximum cost of an operation (graphql-armor cost; default 1000, the dashboard's largest is ~310). */
  maxCost?: number;
  /** Largest request body in bytes (default 100,000: the dashboard's largest operation is ≈2 kB). */
  maxBodyBytes?: number;
  /** Backoff of push-query reconnections. */
  backoff?: BackoffOptions;
  /** Extra snapshot after each (re)connection of a live view, in ms (default 2000; 0 = off). */
  settleSnapshotMs?: number;
  logger?: Logger;
}

/** A running API server. */
export interface ApiServer {
  /** Base URL, e.g. `http://127.0.0.1:4000` (GraphQL at `${url}/graphql`). */
  url: string;
  port: number;
  metrics: ApiMetrics;
  /** The process's live views (tests inspect them). */
  live: LiveResults;
  /** Graceful shutdown: sockets closed with 1001, push queries closed, pools ended. */
  close(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/**
 * Starts Tally's API: GraphQL over HTTP and graphql-ws on one port and path (`/graphql`, GraphiQL
 * there too), `/healthz`, `/readyz`, `/metrics`, and the dashboard at `/` when `staticDir` is set.
 */
export async function createApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const logger = options.logger ?? createLogger('api');
  const metrics = createMetrics();
  const ownKsql = !options.ksqlClient;
  const ksql = options.ksqlClient ?? createKsqlClient({ url: options.ksqldbUrl ?? defaults.ksqldbUrl });
  const store = createElectionStore(options.databaseUrl ?? defaults.databaseUrl);
  const register = createCandidateRegister({ load: () => store.candidates(), logger });
  void register.refresh();
  const live = new LiveResults({
    feedFor: (table) => createKsqlTableFeed(ksql, table),
    candidates: register,
    logger,
    backoff: options.backoff,
    settleSnapshotMs: options.settleSnapshotMs,
    events: {
      rows: (table, count) => metrics.upstreamRows.inc({ table }, count),
      age: (table, seconds) => metrics.upstreamRowAge.observe({ table }, seconds),
      error: () => metrics.errors.inc({ kind: 'upstream' }),
      reconnect: (table) => metrics.upstreamReconnects.inc({ table }),
      connected: (table, up) => metrics.upstreamConnected.set({ table }, up ? 1 : 0),
    },
  });
  const reader = createTableReader(ksql);
  const services: ApiServices = {
    reader,
    store,
    live,
    register,
    exposeBallots: options.exposeBallots ?? false,
    logger,
    countSubscriber: (field, delta) => metrics.subscribers.inc({ field }, delta),
  };
  const maxDepth = options.maxDepth ?? 25;
  const maxBodyBytes = options.maxBodyBytes ?? 100_000;
  const yoga = createYoga({
    schema: createApiSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    healthCheckEndpoint: '/graphql/health',
    graphiql: graphiqlOptions(),
    renderGraphiQL: renderOfflineGraphiQL,
    cors: options.corsOrigins ? { origin: options.corsOrigins, credentials: true } : undefined,
    context: () => createContext(services, memoizeReader(reader)),
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: {
      maskError: (error, message, isDev) => {
        metrics.errors.inc({ kind: 'graphql' });
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      useBearerToken(options.token),
      useOperationMetrics(metrics),
      ...queryLimitPlugins({ maxDepth, maxCost: options.maxCost ?? 1000, maxBodyBytes }),
    ],
  });
  const serveStatic = options.staticDir ? createStaticHandler(options.staticDir) : undefined;

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const pathname = new URL(request.url ?? '/', 'http://api').pathname;
    if (pathname === GRAPHQL_PATH || pathname.startsWith(`${GRAPHQL_PATH}/`)) {
      if (refuseBadBody(request, response, maxBodyBytes)) return;
      return yoga(request, response);
    }
    if (pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const { ready, ...body } = await readiness({ ksql, store });
      return sendJson(response, ready ? 200 : 503, body);
    }
    if (pathname === '/metrics') {
      const body = await metrics.registry.metrics();
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      return response.end(body);
    }
    if (serveStatic && (await serveStatic(request, response, pathname))) return;
    return sendJson(response, 404, { error: `Not found: ${pathname}. GraphQL is at ${GRAPHQL_PATH}.` });
  };
  const httpServer = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      metrics.errors.inc({ kind: 'http' });
      logger.error({ err: error, url: request.url }, 'http: request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
      else response.destroy();
    });
  });
  const ws = attachGraphqlWs({
    httpServer,
    yoga,
    path: GRAPHQL_PATH,
    token: options.token,
    corsOrigins: options.corsOrigins,
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? 20,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    metrics,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? defaults.apiPort, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url: `${url}${GRAPHQL_PATH}`, staticDir: options.staticDir }, 'api: listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    metrics,
    live,
    close: () => {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await ws
          .close()
          .catch((error: unknown) => logger.warn({ err: error }, 'api: closing sockets failed'));
        httpServer.closeIdleConnections();
        await live.close();
        register.close();
        await store.close().catch(() => undefined);
        if (ownKsql) await ksql.close().catch(() => undefined);
        httpServer.closeAllConnections();
        await httpClosed;
        logger.info('api: closed');
      })();
      return closing;
    },
  };
}
