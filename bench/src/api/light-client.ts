import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { epochNow } from './stats.js';

/** Sum of `candidates { votes }` in a `next` payload. */
export function totalOf(data: Record<string, unknown>): number {
  return ((data['candidates'] ?? []) as { votes: number }[]).reduce((sum, c) => sum + c.votes, 0);
}

/** One subscription of a `LightClient`: every `next` payload's data, with its arrival time (epoch ms). */
export type OnNext = (data: Record<string, unknown>, receivedAt: number) => void;

/**
 * A minimal graphql-transport-ws client (one socket, `connection_init`, `subscribe`): cheaper than
 * graphql-ws's client, so the benchmark measures the API and not its own clients.
 */
export interface LightClient {
  subscribe(query: string, onNext: OnNext): void;
  close(): void;
  closed: Promise<void>;
}

/** Opens a socket to `url` (http URL of `/graphql`) and waits for `connection_ack`. */
export async function openLightClient(url: string, token?: string): Promise<LightClient> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
    perMessageDeflate: false,
  });
  const handlers = new Map<string, OnNext>();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { token } : {} })),
    );
    socket.on('message', (raw) => {
      const receivedAt = epochNow();
      const message = JSON.parse(String(raw)) as {
        type: string;
        id?: string;
        payload?: { data?: Record<string, unknown> };
      };
      if (message.type === 'connection_ack') resolve();
      else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'next' && message.id && message.payload?.data)
        handlers.get(message.id)?.(message.payload.data, receivedAt);
      else if (message.type === 'error')
        reject(new Error(`subscription ${message.id} failed: ${JSON.stringify(message.payload)}`));
    });
  });
  return {
    subscribe(query, onNext) {
      // a random UUID, as graphql-ws's client makes them: no two sockets share an id (the API can
      // share a frame between sockets whose ids coincide, which dashboards' ids never do)
      const id = randomUUID();
      handlers.set(id, onNext);
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    },
    close: () => socket.close(1000),
    closed,
  };
}
