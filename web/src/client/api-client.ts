import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import {
  type ConnectionEvent,
  type ConnectionState,
  initialConnectionState,
  nextConnectionState,
  retryDelayMs,
} from './connection-status.js';

/** The dashboard's link to the API: urql for queries, graphql-ws for subscriptions. */
export interface ApiClient {
  /** urql client: queries over HTTP, subscriptions over the WebSocket. */
  readonly urql: Client;
  /** Current connection state (live / reconnecting / offline). */
  connection(): ConnectionState;
  /** Calls `listener` on every connection state change; returns its removal. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket and stops retrying. */
  dispose(): void;
}

/** Where the API lives: `/graphql` on the page's own origin (the API serves the page, or Vite proxies). */
export function apiUrls(location: Pick<Location, 'protocol' | 'host'>): { http: string; ws: string } {
  const ws = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http: `${location.protocol}//${location.host}/graphql`, ws: `${ws}//${location.host}/graphql` };
}

/** A pong must arrive this long after a ping, else the socket is presumed dead and reopened. */
const PONG_TIMEOUT_MS = 5_000;

/**
 * Creates the API client. The WebSocket retries forever with exponential backoff; graphql-ws
 * resubscribes every active subscription after it reconnects, and each one's first message is the
 * current state, so nothing is missed across an API restart.
 */
export function createApiClient(urls: { http: string; ws: string }): ApiClient {
  let state = initialConnectionState;
  const listeners = new Set<(state: ConnectionState) => void>();
  const emit = (event: ConnectionEvent): void => {
    const next = nextConnectionState(state, event);
    if (next.phase === state.phase && next.failures === state.failures) {
      state = next;
      return;
    }
    state = next;
    for (const listener of listeners) listener(state);
  };

  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const ws = createWsClient({
    url: urls.ws,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    onNonLazyError: () => undefined,
    on: {
      connecting: () => emit({ type: 'connecting' }),
      connected: () => emit({ type: 'connected' }),
      closed: () => {
        clearTimeout(pongTimer);
        emit({ type: 'closed' });
      },
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => ws.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  const onOffline = (): void => emit({ type: 'browser-offline' });
  const onOnline = (): void => emit({ type: 'browser-online' });
  globalThis.addEventListener?.('offline', onOffline);
  globalThis.addEventListener?.('online', onOnline);

  const urql = new Client({
    url: urls.http,
    requestPolicy: 'network-only',
    preferGetMethod: false,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, {
                next: (result) => sink.next({ ...result, data: result.data ?? null } as never),
                error: (error) => sink.error(error),
                complete: () => sink.complete(),
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    urql,
    connection: () => state,
    onConnection(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      globalThis.removeEventListener?.('offline', onOffline);
      globalThis.removeEventListener?.('online', onOnline);
      void ws.dispose();
    },
  };
}
