import type { IncomingMessage } from 'node:http';
import type { Logger } from '@tally/common';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import { expandNext, type PendingPayloads } from './shared-payload.js';
import { guardSlowSubscriber, type SlowSubscriberGuard } from './slow-subscriber.js';

/** What graphql-ws hands the hooks as `ctx.extra`. */
export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
  /** `next` payloads set by `onNext`, written by `send` (see `shared-payload.ts`). */
  pending: PendingPayloads;
  /** Closes the socket once its client has stopped reading (`guardSlowSubscriber`). */
  guard: SlowSubscriberGuard;
}

/** Limits of `serveGraphqlWs`. */
export interface WsLimits {
  /** Bytes a socket may hold unsent before it is closed as a slow subscriber (API_WS_MAX_BUFFERED_BYTES). */
  maxBufferedBytes: number;
  /** Called per slow subscriber closed. */
  onSlow: () => void;
  /** Keep-alive ping interval; a socket that misses a pong for as long is terminated. */
  keepAliveMs?: number;
}

/**
 * graphql-ws's server over a `ws` server: graphql-ws's own `use/ws` glue (which it invites to
 * copy and adjust), with two changes:
 * - `send` writes marked `next` messages with their shared payload bytes (`expandNext`);
 * - a socket whose buffer is empty is written without a completion callback (no promise, no
 *   callback per message); only a socket with data still buffered makes graphql-ws wait for the
 *   write.
 * Shared subscriptions bypass `send` for their `next` messages (`FanOutHub` writes them).
 * Keep-alive pings every `keepAliveMs`; a socket that misses a pong for as long is terminated.
 * A socket holding more than `maxBufferedBytes` unsent is closed (1008) before anything more is
 * written to it or read from it — a client that sends without reading cannot grow the server.
 */
export function serveGraphqlWs<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, SocketExtra>,
  wss: WebSocketServer,
  logger: Logger,
  limits: WsLimits,
) {
  const keepAliveMs = limits.keepAliveMs ?? 12_000;
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.once('error', (error) => {
    logger.error({ err: error }, 'graphql-ws: server error');
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'graphql-ws: socket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const pingInterval = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => {
        clearTimeout(pongWait);
        pongWait = undefined;
      });
      socket.ping();
    }, keepAliveMs);
    const pending: PendingPayloads = new Map();
    const guard = guardSlowSubscriber(socket, limits.maxBufferedBytes, logger, limits.onSlow);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN || guard.over()) return;
          const message = expandNext(data, pending);
          if (socket.bufferedAmount === 0) {
            socket.send(message, { binary: false });
            return;
          }
          return new Promise<void>((resolve, reject) =>
            socket.send(message, { binary: false }, (error) => (error ? reject(error) : resolve())),
          );
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (event) => {
            if (guard.over()) return;
            try {
              await cb(String(event));
            } catch (error) {
              logger.warn({ err: error }, 'graphql-ws: message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request, pending, guard },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pingInterval);
      pending.clear();
      void closed(code, String(reason));
    });
  });
  return {
    /** Closes every socket with 1001 Going away and stops the server. */
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
