import type { Server } from 'node:http';
import type { Logger } from '@tally/common';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { type ExecutionArgs, GraphQLError, getOperationAST } from '../graphql-js.js';
import { connectionToken, tokenMatches } from './auth.js';
import type { ApiMetrics } from './metrics.js';
import { createSharedSubscriptions } from './shared-execution.js';
import { payloadBytes, SHARED_NEXT } from './shared-payload.js';
import { serveGraphqlWs } from './ws-transport.js';

/** Options of `attachGraphqlWs`. */
export interface GraphqlWsOptions {
  httpServer: Server;
  // biome-ignore lint/suspicious/noExplicitAny: yoga's instance type is generic over its contexts
  yoga: YogaServerInstance<any, any>;
  path: string;
  token: string | undefined;
  corsOrigins: string[] | undefined;
  maxSubscriptionsPerConnection: number;
  /** Bytes a socket may hold unsent before it is closed as a slow subscriber (1008). */
  maxBufferedBytes: number;
  metrics: ApiMetrics;
  logger: Logger;
}

interface EnvelopedRoot {
  execute(args: ExecutionArgs): unknown;
  subscribe(args: ExecutionArgs): unknown;
}

/**
 * graphql-ws (`graphql-transport-ws` protocol) on the HTTP server's port and GraphQL path, running
 * operations through yoga's envelop (same schema, context, depth and cost limits as HTTP).
 * - `API_TOKEN` set: `connection_init` must carry it, else the socket closes with 4403 Forbidden.
 * - More than `maxSubscriptionsPerConnection` operations at once: that operation gets an `error`
 *   message (the connection and its other subscriptions carry on).
 * - A client that stops reading is closed with 1008 once `maxBufferedBytes` wait unsent.
 * - Origins outside `API_CORS_ORIGINS` (when set) are refused at the handshake.
 * - Fan-out: subscribers of the same operation share one execution, one serialized payload and
 *   one loop of socket writes per change (`createSharedSubscriptions`); other results go through
 *   graphql-ws with their payload serialized once (`payloadBytes`, written by `serveGraphqlWs`).
 * `close()` closes every socket with 1001 Going away.
 */
export function attachGraphqlWs(options: GraphqlWsOptions) {
  const { yoga, metrics, logger } = options;
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: 256 * 1024,
    verifyClient: (info: { origin: string }) =>
      !options.corsOrigins || !info.origin || options.corsOrigins.includes(info.origin),
  });
  wss.on('connection', (socket) => {
    metrics.connections.inc();
    socket.once('close', () => metrics.connections.dec());
  });
  const shared = createSharedSubscriptions();
  const server = serveGraphqlWs<Record<string, unknown> | undefined>(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: (ctx) => {
        if (options.token && !tokenMatches(options.token, connectionToken(ctx.connectionParams))) {
          metrics.errors.inc({ kind: 'auth' });
          logger.info(
            { remote: ctx.extra.request.socket.remoteAddress },
            'graphql-ws: forbidden (bad token)',
          );
          return false;
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const open = Object.keys(ctx.subscriptions).length;
        if (open > options.maxSubscriptionsPerConnection) {
          metrics.errors.inc({ kind: 'limit' });
          return [
            new GraphQLError(
              `Too many operations on this connection: expected at most ${options.maxSubscriptionsPerConnection} at once, found ${open}.`,
              { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
            ),
          ];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document: ReturnType<typeof parse>;
        try {
          document = parse(payload.query);
        } catch (error) {
          metrics.errors.inc({ kind: 'graphql' });
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (error) {
          // graphql-armor's rules throw their GraphQLError instead of reporting it
          errors = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        if (errors.length > 0) {
          metrics.errors.inc({ kind: 'graphql' });
          return errors;
        }
        const isSubscription = getOperationAST(document, payload.operationName)?.operation === 'subscription';
        if (isSubscription) metrics.operations.inc({ type: 'subscription' });
        const operationKey = JSON.stringify([
          payload.query,
          payload.operationName ?? null,
          payload.variables ?? null,
        ]);
        return {
          schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: {
            execute,
            subscribe: isSubscription
              ? (args: ExecutionArgs) =>
                  shared.subscribe(args, operationKey, {
                    socket: ctx.extra.socket,
                    raw: ctx.extra.request.socket,
                    id,
                    guard: ctx.extra.guard,
                  })
              : subscribe,
          },
        };
      },
      // results of queries and mutations sent over the socket (subscriptions are written by their hub)
      onNext: (ctx, id, _payload, _args, result) => {
        ctx.extra.pending.set(id, payloadBytes(result));
        return SHARED_NEXT;
      },
    },
    wss,
    logger,
    {
      maxBufferedBytes: options.maxBufferedBytes,
      onSlow: () => metrics.errors.inc({ kind: 'slow_subscriber' }),
    },
  );
  return {
    wss,
    /** Closes every socket with 1001 Going away and stops accepting. */
    close: async () => {
      await server.dispose();
    },
  };
}
