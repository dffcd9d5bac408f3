import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMetrics } from './metrics.js';
import { SLOW_SUBSCRIBER_CLOSE } from './slow-subscriber.js';
import { attachGraphqlWs } from './websocket.js';

const schema = createSchema({
  typeDefs: 'type Query { big(size: Int!): String! }',
  resolvers: { Query: { big: (_root: unknown, args: { size: number }) => 'x'.repeat(args.size) } },
});

const LIMIT = 256 * 1024;
const metrics = createMetrics();
let server: Server;
let url: string;
let attached: ReturnType<typeof attachGraphqlWs>;

beforeAll(async () => {
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
  server = createServer(yoga);
  attached = attachGraphqlWs({
    httpServer: server,
    yoga,
    path: '/graphql',
    token: undefined,
    corsOrigins: undefined,
    maxSubscriptionsPerConnection: 20,
    maxBufferedBytes: LIMIT,
    metrics,
    logger: createLogger('slow-subscriber-test', { level: 'silent' }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await attached.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('graphql-ws: a client that sends but stops reading', () => {
  it('is closed with 1008 once API_WS_MAX_BUFFERED_BYTES wait unsent; the server never holds much more', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('message', () => resolve());
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    // stop reading: results, errors and pongs pile up on the server's side of the socket
    (socket as unknown as { _socket: Socket })._socket.pause();
    let sent = 0;
    let peak = 0;
    const sample = () => {
      for (const client of attached.wss.clients) peak = Math.max(peak, client.bufferedAmount);
    };
    const heapBefore = process.memoryUsage().heapUsed;
    await eventually(
      () => {
        sample();
        // 100 KB answers, asked for faster than anyone reads them (as far as this client can send)
        for (let i = 0; i < 50 && socket.readyState === WebSocket.OPEN; i++) {
          socket.send(
            JSON.stringify({
              id: `q${sent++}`,
              type: 'subscribe',
              payload: { query: '{ big(size: 100000) }' },
            }),
          );
          socket.send(JSON.stringify({ type: 'ping' }));
        }
        expect(attached.wss.clients.size).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    (socket as unknown as { _socket: Socket })._socket.resume();
    const { code, reason } = await closed;
    expect([SLOW_SUBSCRIBER_CLOSE, 1006]).toContain(code);
    if (code === SLOW_SUBSCRIBER_CLOSE) expect(reason).toMatch(/Subscriber too slow/);
    expect(peak).toBeGreaterThan(0);
    // the limit plus at most one operation's answer per open operation (20 × 100 KB) beyond it
    expect(peak).toBeLessThan(LIMIT + 20 * 110_000);
    const errors = await metrics.registry.getSingleMetric('tally_api_errors_total')?.get();
    expect(errors?.values.find((v) => v.labels['kind'] === 'slow_subscriber')?.value).toBe(1);
    console.log(
      `stalled graphql-ws client: ${sent} operations sent, server-side buffer peaked at ${peak} bytes ` +
        `(limit ${LIMIT}), closed with ${code}; heap delta ${(heapDelta / 1048576).toFixed(1)} MiB`,
    );
  });
});
