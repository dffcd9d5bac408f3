import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { Client } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasicAuth } from './basic-auth.js';
import { createFakeEngine } from './fake-engine.fixture.js';
import { watchKafkaHealth } from './kafka-health.js';
import { createKsqlServer, type KsqlServer } from './server.js';

const logger = createLogger('hardening-test', { level: 'silent' });

async function call(client: Client, method: 'GET' | 'POST', path: string, body?: string, headers = {}) {
  const response = await client.request({ method, path, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('engine server: basic authentication', () => {
  let server: KsqlServer;
  let client: Client;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-auth-'));
    const file = join(dir, 'credentials.properties');
    const md5 = createHash('md5').update('s3cret').digest('hex');
    writeFileSync(
      file,
      `# ksqlDB JAAS HashLoginService file\nfred: letmein, user\nharry: MD5:${md5}, admin\n`,
    );
    server = createKsqlServer({
      engine: createFakeEngine().engine,
      logger,
      auth: createBasicAuth({ user: 'tally', password: 'pw', credentialsFile: file }),
    });
    const { url } = await server.listen(0);
    client = new Client(url);
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it("answers 401 with ksqlDB's envelope without or with wrong credentials, on every engine route", async () => {
    const unauthorized = { '@type': 'generic_error', error_code: 40100, message: 'Unauthorized' };
    for (const [method, path, body] of [
      ['GET', '/info', undefined],
      ['POST', '/ksql', '{"ksql":"SHOW STREAMS;"}'],
      ['POST', '/query-stream', '{"sql":"SELECT * FROM T EMIT CHANGES;"}'],
      ['GET', '/metrics', undefined],
      ['GET', '/status', undefined],
    ] as const) {
      const none = await call(client, method, path, body);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(JSON.parse(none.text)).toEqual(unauthorized);
      expect(none.headers['www-authenticate']).toMatch(/^Basic /);
      const wrong = await call(client, method, path, body, basic('fred', 'nope'));
      expect(wrong.status).toBe(401);
    }
    expect((await call(client, 'GET', '/info', undefined, basic('nobody', 'letmein'))).status).toBe(401);
  });

  it('lets known users in (env user, file users with plain and MD5 passwords); health checks stay open', async () => {
    expect((await call(client, 'GET', '/info', undefined, basic('tally', 'pw'))).status).toBe(200);
    expect((await call(client, 'GET', '/info', undefined, basic('fred', 'letmein'))).status).toBe(200);
    expect((await call(client, 'GET', '/info', undefined, basic('harry', 's3cret'))).status).toBe(200);
    expect((await call(client, 'GET', '/healthcheck')).status).toBe(200);
    expect((await call(client, 'GET', '/chc/live')).status).toBe(200);
    expect((await call(client, 'GET', '/chc/ready')).status).toBe(200);
  });

  it('refuses BASIC without credentials at start', () => {
    expect(() => createBasicAuth({})).toThrow(/ENGINE_AUTH_USER/);
  });
});

describe('engine server: limits', () => {
  let server: KsqlServer;
  let url: string;
  beforeAll(async () => {
    server = createKsqlServer({
      engine: createFakeEngine().engine,
      logger,
      limits: { maxRequestBytes: 1024, maxStatementChars: 100, maxPushQueriesPerConnection: 2 },
    });
    ({ url } = await server.listen(0));
  });
  afterAll(() => server.close());

  it('refuses a body over ENGINE_MAX_REQUEST_BYTES with 413 / 41300, declared or streamed', async () => {
    const client = new Client(url);
    try {
      const big = JSON.stringify({ ksql: `${'x'.repeat(5000)};` });
      const declared = await call(client, 'POST', '/ksql', big);
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.text)).toMatchObject({ '@type': 'generic_error', error_code: 41300 });
      // chunked, no content-length: refused while reading
      const chunks = Readable.from(Array.from({ length: 20 }, () => Buffer.from('x'.repeat(500))));
      const streamed = await client.request({ method: 'POST', path: '/query-stream', body: chunks });
      expect(streamed.statusCode).toBe(413);
      expect(JSON.parse(await streamed.body.text())).toMatchObject({ error_code: 41300 });
    } finally {
      await client.close();
    }
  });

  it('refuses a statement over ENGINE_MAX_STATEMENT_CHARS with 400 / 40000', async () => {
    const client = new Client(url);
    try {
      const sql = `SELECT * FROM T WHERE A = '${'y'.repeat(200)}' EMIT CHANGES;`;
      for (const [path, body] of [
        ['/query-stream', { sql }],
        ['/query', { ksql: sql }],
        ['/ksql', { ksql: sql }],
      ] as const) {
        const reply = await call(client, 'POST', path, JSON.stringify(body));
        expect(reply.status, path).toBe(400);
        expect(JSON.parse(reply.text)).toMatchObject({ error_code: 40000, message: /Statement too long/ });
      }
    } finally {
      await client.close();
    }
  });

  it('refuses a push query past ENGINE_MAX_PUSH_QUERIES_PER_CONNECTION with 40003; other connections go on', async () => {
    // node:http2 (undici holds a second POST on an h2 connection while the first streams)
    const first = http2.connect(url);
    const second = http2.connect(url);
    const push = (session: http2.ClientHttp2Session) =>
      new Promise<{ status: number; stream: http2.ClientHttp2Stream; text: () => Promise<string> }>(
        (resolve, reject) => {
          const stream = session.request({ ':method': 'POST', ':path': '/query-stream' });
          stream.end(JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }));
          stream.once('error', reject);
          stream.once('response', (headers) => {
            const text = async () => {
              let all = '';
              for await (const chunk of stream) all += String(chunk);
              return all;
            };
            resolve({ status: Number(headers[':status']), stream, text });
          });
        },
      );
    try {
      const open = [await push(first), await push(first)];
      expect(open.map((r) => r.status)).toEqual([200, 200]);
      const third = await push(first);
      expect(third.status).toBe(400);
      expect(JSON.parse(await third.text())).toMatchObject({
        '@type': 'generic_error',
        error_code: 40003,
        message: /on one connection \(2/,
      });
      const elsewhere = await push(second);
      expect(elsewhere.status).toBe(200);
      open[0]!.stream.close();
      // closing one frees its place on the connection
      await eventually(async () => {
        const again = await push(first);
        again.stream.close();
        expect(again.status).toBe(200);
      });
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});

describe('engine server: a client that stops reading', () => {
  it('is served with bounded buffers, then cut with a clear error after ENGINE_PUSH_STALL_TIMEOUT_MS', async () => {
    const fake = createFakeEngine();
    const server = createKsqlServer({ engine: fake.engine, logger, limits: { stallTimeoutMs: 1_000 } });
    const { port } = await server.listen(0);
    const body = JSON.stringify({ sql: 'SELECT * FROM ENDLESS EMIT CHANGES;' });
    // a raw socket that sends the request and never reads a byte of the answer
    const socket = connect({ host: '127.0.0.1', port });
    let closed = false;
    socket.once('close', () => {
      closed = true;
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause();
    socket.write(
      `POST /query-stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const heapBefore = process.memoryUsage().heapUsed;
    const stalledClosed = async () =>
      (await server.metrics.registry.getSingleMetric('tally_engine_stalled_responses_closed_total')?.get())
        ?.values[0]?.value ?? 0;
    let peak = 0;
    await eventually(
      async () => {
        peak = Math.max(peak, server.bufferedBytes());
        if ((await stalledClosed()) !== 1)
          throw new Error(`still served: ${server.bufferedBytes()} bytes buffered`);
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    const pulled = fake.endlessPulled();
    // the engine stopped being pulled at the stall: each row is ~1 KB, the kernel's socket buffers plus ours
    expect(pulled).toBeGreaterThan(10);
    expect(pulled * 1_000).toBeLessThan(32 * 1024 * 1024);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(1024 * 1024);
    expect(server.bufferedBytes()).toBe(0);
    // reading again drains what the kernel held, then either the error that ended the body (read
    // in time) or the end of the connection (cut after the grace period)
    let received = 0;
    let tail = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-4096);
    });
    socket.resume();
    await eventually(() => expect(closed || tail.includes('ENGINE_PUSH_STALL_TIMEOUT_MS')).toBe(true), {
      timeoutMs: 10_000,
    });
    expect(fake.endlessPulled()).toBe(pulled);
    // a client that never reads again is cut after the grace period
    const silent = connect({ host: '127.0.0.1', port });
    silent.on('error', () => undefined);
    await new Promise<void>((resolve) => silent.once('connect', () => resolve()));
    silent.pause();
    silent.write(
      `POST /query-stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await eventually(() => expect(server.bufferedBytes()).toBeGreaterThan(0), { timeoutMs: 10_000 });
    await eventually(() => expect(server.connections()).toBe(socket.destroyed ? 0 : 1), {
      timeoutMs: 15_000,
    });
    expect(await stalledClosed()).toBe(2);
    silent.destroy();
    console.log(
      `stalled client: ${pulled} rows (~${(pulled / 1024).toFixed(1)} MiB) pulled before the stall, ` +
        `peak server-side buffer ${peak} bytes, ${received} bytes still in the kernel's buffers, ` +
        `${closed ? 'connection cut' : 'error read at the end of the body'}, ` +
        `heap delta ${(heapDelta / 1048576).toFixed(1)} MiB`,
    );
    socket.destroy();
    await server.close();
  });
});

describe('engine server: /healthcheck', () => {
  it("reports the cached Kafka probe in ksqlDB's shape: 503 while it fails, 200 once it answers again", async () => {
    let brokerUp = true;
    let probes = 0;
    const kafkaHealth = watchKafkaHealth({
      probe: async () => {
        probes++;
        if (!brokerUp) throw new Error('ECONNREFUSED');
      },
      intervalMs: 50,
      timeoutMs: 1_000,
      logger,
    });
    const server = createKsqlServer({ engine: createFakeEngine().engine, logger, kafkaHealth });
    const { url } = await server.listen(0);
    const client = new Client(url);
    try {
      await eventually(async () => expect((await call(client, 'GET', '/healthcheck')).status).toBe(200));
      brokerUp = false;
      const down = await eventually(async () => {
        const reply = await call(client, 'GET', '/healthcheck');
        expect(reply.status).toBe(503);
        return JSON.parse(reply.text);
      });
      expect(down).toMatchObject({
        isHealthy: false,
        details: {
          metastore: { isHealthy: true },
          kafka: { isHealthy: false },
          commandRunner: { isHealthy: true },
        },
      });
      // requests do not probe: the probe count follows the timer, not the calls
      const before = probes;
      await Promise.all(Array.from({ length: 50 }, () => call(client, 'GET', '/healthcheck')));
      expect(probes - before).toBeLessThan(50);
      brokerUp = true;
      await eventually(async () => {
        const reply = await call(client, 'GET', '/healthcheck');
        expect(reply.status).toBe(200);
        expect(JSON.parse(reply.text)).toMatchObject({
          isHealthy: true,
          details: { kafka: { isHealthy: true } },
        });
      });
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('counts a probe without an answer as down', async () => {
    const health = watchKafkaHealth({
      probe: () => new Promise(() => undefined),
      intervalMs: 20,
      timeoutMs: 50,
      logger,
    });
    try {
      expect(health.isHealthy()).toBe(false);
      await eventually(() => expect(health.reason()).toMatch(/no answer within 50 ms/));
    } finally {
      health.close();
    }
  });
});
