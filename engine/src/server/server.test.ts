import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { Client, Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KsqlEngine } from '../executor/engine.js';
import { createFakeEngine } from './fake-engine.fixture.js';
import { createKsqlServer, type KsqlServer } from './server.js';

const logger = createLogger('server-test', { level: 'silent' });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

async function call(
  client: Client | Pool,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  accept?: string,
) {
  const response = await client.request({
    method,
    path,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: accept ? { accept } : {},
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text(),
  } as Reply;
}

/**
 * Reads a streamed body piecewise without cancelling it (breaking out of `for await` would).
 * `until(p)` reads until `p(text so far)`; `rest()` reads to the end.
 */
function bodyReader(body: AsyncIterable<Buffer>) {
  const chunks = body[Symbol.asyncIterator]();
  let text = '';
  const until = async (done: (text: string) => boolean) => {
    while (!done(text)) {
      const next = await chunks.next();
      if (next.done) break;
      text += next.value.toString();
    }
    return text;
  };
  return {
    until,
    rest: () => until(() => false),
    firstLine: async () => JSON.parse((await until((t) => t.includes('\n'))).split('\n')[0]!),
  };
}

/** A cleartext HTTP/2 (prior knowledge) client. */
const h2Client = (url: string) =>
  new Client(url, { allowH2: true, useH2c: true } as ConstructorParameters<typeof Client>[1]);

describe('ksqlDB REST server (fake engine)', () => {
  let fake: ReturnType<typeof createFakeEngine>;
  let server: KsqlServer;
  let url: string;
  /** Several connections: a streaming HTTP/1.1 response holds its connection. */
  let h1: Pool;
  let h2: Client;

  beforeAll(async () => {
    fake = createFakeEngine();
    server = createKsqlServer({ engine: fake.engine, logger, maxPushQueries: 3, commandTimeoutMs: 200 });
    ({ url } = await server.listen(0));
    h1 = new Pool(url, { connections: 8 });
    h2 = h2Client(url);
  });
  afterAll(async () => {
    await h1.close();
    await h2.close();
    await server.close();
  });

  for (const protocol of ['HTTP/1.1', 'HTTP/2'] as const) {
    const client = () => (protocol === 'HTTP/1.1' ? h1 : h2);
    /**
     * A connection for a long-lived stream: undici does not start a POST on an HTTP/2 connection
     * while another POST on it is still streaming, so streams get their own client.
     */
    const streaming = () => (protocol === 'HTTP/1.1' ? h1 : h2Client(url));

    it(`${protocol}: answers /info, /healthcheck, /status and the small endpoints`, async () => {
      const info = await call(client(), 'GET', '/info');
      expect(info.status).toBe(200);
      expect(JSON.parse(info.text)).toEqual({
        KsqlServerInfo: {
          version: '0.29.0',
          kafkaClusterId: 'cluster-1',
          ksqlServiceId: 'default_',
          serverStatus: 'RUNNING',
        },
      });
      expect(JSON.parse((await call(client(), 'GET', '/healthcheck')).text)).toMatchObject({
        isHealthy: true,
        serverState: 'READY',
      });
      expect(JSON.parse((await call(client(), 'GET', '/status')).text)).toEqual({
        commandStatuses: { 'stream/`S`/create': 'SUCCESS' },
      });
      const one = await call(client(), 'GET', `/status/stream/${encodeURIComponent('`S`')}/create`);
      expect(JSON.parse(one.text)).toEqual({ status: 'SUCCESS', message: 'Stream created', queryId: null });
      const unknown = await call(client(), 'GET', '/status/stream/X/create');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text)).toMatchObject({ '@type': 'generic_error', error_code: 40400 });
      const root = await call(client(), 'GET', '/');
      expect([root.status, root.headers['location']]).toEqual([307, '/info']);
      expect((await call(client(), 'GET', '/chc/live')).text).toBe('{}');
      expect((await call(client(), 'GET', '/chc/ready')).text).toBe('{}');
      const missing = await call(client(), 'GET', '/nowhere');
      expect([missing.status, missing.text]).toEqual([404, 'Not Found']);
    });

    it(`${protocol}: /ksql returns entities and ksqlDB's error envelopes`, async () => {
      const ok = await call(client(), 'POST', '/ksql', { ksql: 'CREATE STREAM S (A INT) WITH (...);' });
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toBe('application/json');
      expect(JSON.parse(ok.text)[0]).toMatchObject({ '@type': 'currentStatus', commandSequenceNumber: 2 });

      const select = await call(client(), 'POST', '/ksql', { ksql: 'SELECT * FROM S;' });
      expect(select.status).toBe(400);
      expect(JSON.parse(select.text)).toMatchObject({ '@type': 'statement_error', error_code: 40002 });

      const bad = await call(client(), 'POST', '/ksql', { ksql: 'BAD;' });
      const badBody = JSON.parse(bad.text);
      expect(bad.status).toBe(400);
      expect(Object.keys(badBody).sort()).toEqual([
        '@type',
        'entities',
        'error_code',
        'message',
        'statementText',
      ]);
      expect(badBody).toMatchObject({
        '@type': 'statement_error',
        error_code: 40001,
        statementText: 'BAD;',
        entities: [],
      });

      const notJson = await call(client(), 'POST', '/ksql', '{nope');
      expect(notJson.status).toBe(400);
      expect(JSON.parse(notJson.text)).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
      expect(JSON.parse(notJson.text).message).toMatch(/^Invalid JSON in request: /);

      const internal = await call(client(), 'POST', '/ksql', { ksql: 'EXPLODE;' });
      expect(internal.status).toBe(500);
      expect(JSON.parse(internal.text)).toMatchObject({ '@type': 'generic_error', error_code: 50000 });
      expect(internal.text).not.toContain('internal detail');
    });

    it(`${protocol}: /query writes the v1 StreamedRow array with ksqlDB's final messages`, async () => {
      const table = await call(client(), 'POST', '/query', { ksql: 'SELECT * FROM T;' }, 'application/json');
      expect(table.status).toBe(200);
      expect(table.headers['content-type']).toBe('application/vnd.ksql.v1+json');
      expect(table.text).toMatch(
        /^\[\{"header":\{"queryId":"transient_T_\d+","schema":"`ID` STRING KEY, `COUNT` BIGINT"\}\},\n/,
      );
      expect(table.text.split('\n').slice(1)).toEqual([
        '{"row":{"columns":["a",1]}},',
        '{"row":{"columns":["b",2]}}]',
      ]);

      const stream = await call(client(), 'POST', '/query', { ksql: 'SELECT * FROM S;' });
      expect(stream.text.endsWith(',\n{"finalMessage":"Query Completed"}]')).toBe(true);
      expect(JSON.parse(stream.text)).toHaveLength(4);

      const broken = await call(client(), 'POST', '/query', { ksql: 'SELECT * FROM BROKEN;' });
      expect(JSON.parse(broken.text).at(-1)).toEqual({
        errorMessage: { '@type': 'generic_error', error_code: 50000, message: 'broken source' },
      });

      const unknown = await call(client(), 'POST', '/query', { ksql: 'SELECT * FROM UNKNOWN;' });
      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.text)).toMatchObject({ '@type': 'statement_error', error_code: 40001 });

      const html = await call(client(), 'POST', '/query', { ksql: 'SELECT * FROM T;' }, 'text/html');
      expect(html.status).toBe(406);
    });

    it(`${protocol}: /query-stream speaks delimited, JSON and v1, dropping tombstones except in v1`, async () => {
      const delimited = await call(client(), 'POST', '/query-stream', { sql: 'SELECT * FROM T;' });
      expect(delimited.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
      const lines = delimited.text.split('\n');
      expect(JSON.parse(lines[0]!)).toMatchObject({
        columnNames: ['ID', 'COUNT'],
        columnTypes: ['STRING', 'BIGINT'],
      });
      expect(lines.slice(1)).toEqual(['["a",1]', '["b",2]', '']);

      const json = await call(
        client(),
        'POST',
        '/query-stream',
        { sql: 'SELECT * FROM S;' },
        'application/json',
      );
      expect(JSON.parse(json.text).slice(1)).toEqual([
        ['a', 1],
        ['b', 2],
      ]);

      const push = await client().request({
        method: 'POST',
        path: '/query-stream',
        body: JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }),
        headers: { accept: 'application/vnd.ksql.v1+json' },
      });
      const channel = fake.channels.at(-1)!;
      channel.push({ json: '["a",1]' }, { json: '["a",null]', tombstone: true });
      channel.finish('limit');
      const v1 = await push.body.text();
      expect(v1.split('\n').slice(1)).toEqual([
        '{"row":{"columns":["a",1]}},',
        '{"row":{"columns":["a",null],"tombstone":true}},',
        '{"finalMessage":"Limit Reached"}]',
      ]);

      const dropped = await client().request({
        method: 'POST',
        path: '/query-stream',
        body: JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }),
      });
      const next = fake.channels.at(-1)!;
      next.push({ json: '["a",null]', tombstone: true }, { json: '["b",3]' });
      next.finish('limit');
      expect((await dropped.body.text()).split('\n').slice(1)).toEqual(['["b",3]', '']);

      const missing = await call(client(), 'POST', '/query-stream', { properties: {} });
      expect(missing.status).toBe(400);
      expect(JSON.parse(missing.text)).toEqual({
        '@type': 'generic_error',
        error_code: 40000,
        message: "Invalid JSON in request: Missing required creator property 'sql'",
      });
    });

    it(`${protocol}: a push query ends on /close-query, and a disconnect closes it`, async () => {
      const response = await streaming().request({
        method: 'POST',
        path: '/query-stream',
        body: JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }),
      });
      const reader = bodyReader(response.body);
      const header = await reader.firstLine();
      expect(header.queryId).toMatch(/^transient_/);
      const closed = await call(client(), 'POST', '/close-query', { queryId: header.queryId });
      expect([closed.status, closed.text]).toEqual([200, '']);
      await reader.rest();
      const again = await call(client(), 'POST', '/close-query', { queryId: header.queryId });
      expect(again.status).toBe(400);
      expect(JSON.parse(again.text)).toMatchObject({
        error_code: 40000,
        message: `No query with id ${header.queryId}`,
      });

      const abort = new AbortController();
      const dropped = await streaming().request({
        method: 'POST',
        path: '/query-stream',
        body: JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }),
        signal: abort.signal,
      });
      const id = (await bodyReader(dropped.body).firstLine()).queryId;
      expect(fake.open.has(id)).toBe(true);
      abort.abort();
      await eventually(() => expect(fake.open.has(id)).toBe(false));
    });
  }

  it('bounds concurrent push queries with 40003 and counts them in /metrics', async () => {
    const opened = await Promise.all(
      [1, 2, 3].map(() =>
        h1.request({
          method: 'POST',
          path: '/query-stream',
          body: JSON.stringify({ sql: 'SELECT * FROM T EMIT CHANGES;' }),
        }),
      ),
    );
    const metrics = await call(h1, 'GET', '/metrics');
    expect(metrics.text).toContain('tally_engine_push_queries_open 3');
    const refused = await call(h1, 'POST', '/query-stream', { sql: 'SELECT * FROM T EMIT CHANGES;' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ '@type': 'generic_error', error_code: 40003 });
    for (const response of opened) {
      const reader = bodyReader(response.body);
      const id = (await reader.firstLine()).queryId;
      await call(h1, 'POST', '/close-query', { queryId: id });
      await reader.rest();
    }
    expect((await call(h1, 'GET', '/metrics')).text).toMatch(
      /tally_engine_http_requests_total\{endpoint="\/close-query",status="200"\} \d+/,
    );
  });

  it('waits for commandSequenceNumber and answers 503/50301 when it is not reached', async () => {
    const reached = await call(h1, 'POST', '/ksql', {
      ksql: 'CREATE STREAM S (A INT);',
      commandSequenceNumber: 2,
    });
    expect(reached.status).toBe(200);
    const future = await call(h1, 'POST', '/ksql', {
      ksql: 'CREATE STREAM S (A INT);',
      commandSequenceNumber: 9,
    });
    expect(future.status).toBe(503);
    expect(JSON.parse(future.text)).toMatchObject({ '@type': 'generic_error', error_code: 50301 });
  });

  it("exposes the engine's per-query counters in /metrics", async () => {
    const metrics = (await call(h1, 'GET', '/metrics')).text;
    expect(metrics).toContain('tally_engine_query_records_in_total{query_id="CTAS_T_1"} 7');
    expect(metrics).toContain('tally_engine_query_processing_errors_total{query_id="CTAS_T_1"} 1');
    expect(metrics).toContain('tally_engine_query_state{query_id="CTAS_T_1",state="RUNNING"} 1');
    expect(metrics).toContain('tally_engine_query_commits_total{query_id="CTAS_T_1"} 3');
    expect(metrics).toContain('tally_engine_query_commit_seconds_total{query_id="CTAS_T_1"} 0.042');
  });

  it('/inserts-stream acks rows over HTTP/2 with lossless numbers and refuses HTTP/1.1 with 40004', async () => {
    const h1Insert = await call(h1, 'POST', '/inserts-stream', '{"target":"VOTES"}\n');
    expect(h1Insert.status).toBe(400);
    expect(JSON.parse(h1Insert.text)).toEqual({
      '@type': 'generic_error',
      error_code: 40004,
      message: 'This endpoint is only available when using HTTP2',
    });

    const body = [
      '{"target":"VOTES"}',
      '{"ID":"a","N":12345678901234567890}',
      '{"ID":"b","N":1.50}',
      '',
    ].join('\n');
    const ok = await call(h2, 'POST', '/inserts-stream', body);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('{"status":"ok","seq":0}\n{"status":"ok","seq":1}\n');
    expect(fake.inserted.map((i) => String(i.row['N']))).toEqual(['12345678901234567890', '1.50']);

    const broken = await call(
      h2,
      'POST',
      '/inserts-stream',
      ['{"target":"VOTES"}', '{"ID":"c"}', '{oops', '{"ID":"d"}'].join('\n'),
    );
    expect(
      broken.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { status: 'ok', seq: 0 },
      {
        '@type': 'generic_error',
        error_code: 40000,
        message: 'Invalid JSON in inserts stream',
        status: 'error',
        seq: 1,
      },
    ]);

    const coerce = await call(
      h2,
      'POST',
      '/inserts-stream',
      '{"target":"VOTES"}\n{"BAD":true}\n',
      'application/json',
    );
    expect(JSON.parse(coerce.text)).toEqual([
      {
        '@type': 'generic_error',
        error_code: 40000,
        message: "Can't coerce a field of type BOOLEAN into type BIGINT",
        status: 'error',
        seq: 0,
      },
    ]);

    const unknown = await call(h2, 'POST', '/inserts-stream', '{"target":"NOPE"}\n');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ '@type': 'statement_error', error_code: 40001 });
  });

  it('never buffers without bound for a client that does not read', async () => {
    const response = await h1.request({
      method: 'POST',
      path: '/query-stream',
      body: JSON.stringify({ sql: 'SELECT * FROM ENDLESS EMIT CHANGES;' }),
    });
    // The engine is pulled until the socket buffers are full, then it waits.
    let previous = -1;
    await eventually(
      () => {
        const now = fake.endlessPulled();
        const settled = now === previous && now > 0;
        previous = now;
        if (!settled) throw new Error(`still pulling (${now} rows)`);
      },
      { intervalMs: 300 },
    );
    expect(fake.endlessPulled() * 1000).toBeLessThan(64 * 1024 * 1024);
    response.body.destroy();
  });
});

describe('ksqlDB REST server while the engine starts', () => {
  it('answers 503 / 50302 until the engine is ready', async () => {
    let ready: (engine: KsqlEngine) => void = () => undefined;
    const engine = new Promise<KsqlEngine>((resolve) => {
      ready = resolve;
    });
    const server = createKsqlServer({ engine, logger });
    const { url } = await server.listen(0);
    const client = new Client(url);
    try {
      const early = await call(client, 'GET', '/info');
      expect(early.status).toBe(503);
      expect(JSON.parse(early.text)).toEqual({
        '@type': 'generic_error',
        error_code: 50302,
        message: 'Server initializing',
      });
      expect((await call(client, 'GET', '/chc/live')).status).toBe(200);
      ready(createFakeEngine().engine);
      await eventually(async () => expect((await call(client, 'GET', '/info')).status).toBe(200));
    } finally {
      await client.close();
      await server.close();
    }
  });
});
