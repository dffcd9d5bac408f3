import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { coalesce } from '../live/coalesce.js';
import { createMetrics } from './metrics.js';
import { attachGraphqlWs } from './websocket.js';

/** The subscription's state: replaced (a new event object) on every `publish`. */
let state = { n: 0 };
const listeners = new Set<() => void>();
let executions = 0;
let sourcesOpen = 0;
let failNext = false;

function publish(n: number): void {
  state = { n };
  for (const listener of listeners) listener();
}

const schema = createSchema({
  typeDefs: `type Query { ok: Boolean }
    type Subscription { tick(size: Int!): Tick! }
    type Tick { n: Int!, text: String! }`,
  resolvers: {
    Subscription: {
      tick: {
        subscribe: () => {
          sourcesOpen += 1;
          const stream = coalesce(
            {
              onChange: (listener) => {
                listeners.add(listener);
                return () => listeners.delete(listener);
              },
            },
            () => {
              if (failNext) throw new Error('source failed');
              return state;
            },
          );
          let open = true;
          const close = () => {
            if (open) sourcesOpen -= 1;
            open = false;
          };
          return {
            next: () => stream.next(),
            return: async () => {
              close();
              await stream.return?.();
              return { done: true as const, value: undefined };
            },
            [Symbol.asyncIterator]() {
              return this;
            },
          };
        },
        resolve: (event: { n: number }, args: { size: number }) => ({ ...event, size: args.size }),
      },
    },
    Tick: {
      n: (tick: { n: number }) => {
        executions += 1;
        return tick.n;
      },
      text: (tick: { n: number; size: number }) => `ü${'x'.repeat(tick.size)}"${tick.n}`,
    },
  },
});

const QUERY = 'subscription ($size: Int!) { tick(size: $size) { n text } }';

/** A graphql-transport-ws client that keeps every message as the bytes it received. */
interface BytesClient {
  socket: WebSocket;
  received: Buffer[];
  subscribe(id: string, size: number): void;
  /** The last `next` for `id`, parsed. */
  last(id: string): { n: number; text: string } | undefined;
}

async function openClient(url: string): Promise<BytesClient> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
  const received: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) throw new Error('binary frame');
      if (String(data).includes('"connection_ack"')) resolve();
      else received.push(data);
    });
  });
  return {
    socket,
    received,
    subscribe: (id, size) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: QUERY, variables: { size } } })),
    last: (id) => {
      for (let i = received.length - 1; i >= 0; i--) {
        const message = JSON.parse(String(received[i])) as {
          id: string;
          type: string;
          payload: { data: { tick: { n: number; text: string } } };
        };
        if (message.id === id && message.type === 'next') return message.payload.data.tick;
      }
      return undefined;
    },
  };
}

/** Exactly what graphql-ws would write for the `next` of `n` on subscription `id`. */
function expectedNext(id: string, size: number, n: number): Buffer {
  const payload = { data: { tick: { n, text: `ü${'x'.repeat(size)}"${n}` } } };
  return Buffer.from(stringifyMessage({ id, type: MessageType.Next, payload }));
}

let server: Server;
let url: string;
let closeWs: () => Promise<void>;
let wss: ReturnType<typeof attachGraphqlWs>['wss'];

beforeAll(async () => {
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
  server = createServer(yoga);
  const attached = attachGraphqlWs({
    httpServer: server,
    yoga,
    path: '/graphql',
    token: undefined,
    corsOrigins: undefined,
    maxSubscriptionsPerConnection: 20,
    maxBufferedBytes: 64 * 1024 * 1024,
    metrics: createMetrics(),
    logger: createLogger('fan-out-test', { level: 'error' }),
  });
  wss = attached.wss;
  closeWs = attached.close;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await closeWs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves when `client` has the `next` of `n` for every id in `ids`. */
function received(client: BytesClient, ids: string[], n: number): Promise<void> {
  return eventually(
    () => {
      for (const id of ids) expect(client.last(id)?.n).toBe(n);
    },
    { intervalMs: 5 },
  );
}

function closed(client: BytesClient): Promise<unknown> {
  client.socket.close();
  return new Promise((resolve) => client.socket.once('close', resolve));
}

describe('shared subscriptions (one execution and one write loop per change)', () => {
  it("writes byte-exact graphql-ws `next` messages, each with its subscriber's own id, whatever the frame size", async () => {
    // payloads under 126 bytes, under 64 KiB and above (2-, 4- and 10-byte frame headers), below and
    // above the size where a frame is written as head + shared tail; ids used by two sockets, and not
    const sizes = [10, 600, 5_000, 70_000];
    const bases = ['1', '1', 'a8f0-"odd"-ïd', '7c1e5b3a-0d2e-4c55-9a61-2f1d6e1b9c44'];
    const idsOf = (base: string) => sizes.map((size) => `${base}${size === 10 ? '' : `:${size}`}`);
    const clients = await Promise.all(bases.map(() => openClient(url)));
    clients.forEach((client, i) => {
      idsOf(bases[i]!).forEach((id, j) => {
        client.subscribe(id, sizes[j]!);
      });
    });
    await Promise.all(clients.map((client, i) => received(client, idsOf(bases[i]!), state.n)));
    const before = executions;
    for (const n of [state.n + 1, state.n + 2]) {
      publish(n);
      await Promise.all(clients.map((client, i) => received(client, idsOf(bases[i]!), n)));
    }
    expect(executions - before).toBe(2 * sizes.length); // once per change and operation, not per subscriber
    clients.forEach((client, i) => {
      const expected = idsOf(bases[i]!).flatMap((id, j) =>
        [state.n - 2, state.n - 1, state.n].map((n) => expectedNext(id, sizes[j]!, n).toString('hex')),
      );
      expect(client.received.map((bytes) => bytes.toString('hex')).sort()).toEqual(expected.sort());
    });
    await Promise.all(clients.map(closed));
  });

  it('keeps serving the others when the first subscriber leaves, and closes every source', async () => {
    const open = sourcesOpen;
    const clients = await Promise.all([1, 2, 3].map(() => openClient(url)));
    for (const client of clients) client.subscribe('s', 1);
    await Promise.all(clients.map((client) => received(client, ['s'], state.n)));
    expect(sourcesOpen).toBe(open + 3);
    await closed(clients[0]!); // the one whose source the operation pulls
    clients[1]!.socket.send(JSON.stringify({ id: 's', type: 'complete' }));
    await eventually(() => expect(sourcesOpen).toBe(open + 1));
    publish(state.n + 1);
    await received(clients[2]!, ['s'], state.n);
    expect(clients[1]!.last('s')?.n).toBe(state.n - 1);
    await closed(clients[2]!);
    await eventually(() => expect(sourcesOpen).toBe(open));
    await closed(clients[1]!);
  });

  it('coalesces a slow subscriber: at most two frames wait for it, and it ends with the latest state', async () => {
    const size = 256 * 1024;
    const [fast, slow] = await Promise.all([openClient(url), openClient(url)]);
    fast!.subscribe('1', size);
    slow!.subscribe('1', size);
    await Promise.all([fast!, slow!].map((client) => received(client, ['1'], state.n)));
    slow!.socket.pause();
    const first = state.n + 1;
    const rounds = 40; // 10 MiB: more than the kernel buffers take for a reader that does not read
    let mostBuffered = 0;
    for (let n = first; n < first + rounds; n++) {
      publish(n);
      await received(fast!, ['1'], n);
      for (const client of wss.clients) mostBuffered = Math.max(mostBuffered, client.bufferedAmount);
    }
    expect(mostBuffered).toBeGreaterThan(0); // the slow socket did fall behind
    expect(mostBuffered).toBeLessThanOrEqual(2 * (size + 100));
    slow!.socket.resume();
    await received(slow!, ['1'], first + rounds - 1);
    const slowNexts = slow!.received.length;
    expect(slowNexts).toBeLessThan(rounds); // skipped intermediate states instead of queueing them
    expect(fast!.received.length).toBe(rounds + 1);
    await Promise.all([fast!, slow!].map(closed));
  });

  it("ends every subscriber's subscription with an error when the shared source fails", async () => {
    const clients = await Promise.all([1, 2].map(() => openClient(url)));
    clients.forEach((client, i) => {
      client.subscribe(`e${i}`, 3);
    });
    await Promise.all(clients.map((client, i) => received(client, [`e${i}`], state.n)));
    failNext = true;
    try {
      publish(state.n + 1);
      await eventually(() =>
        clients.forEach((client, i) => {
          const last = JSON.parse(String(client.received.at(-1))) as {
            id: string;
            type: string;
            payload: unknown;
          };
          expect(last).toEqual({
            id: `e${i}`,
            type: 'error',
            payload: [expect.objectContaining({ message: 'source failed' })],
          });
        }),
      );
    } finally {
      failNext = false;
    }
    await Promise.all(clients.map(closed));
  });
});
