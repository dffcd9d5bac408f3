import { eventually, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKsqlClient,
  type KsqlClient,
  KsqlClientError,
  type PushRow,
  type QueryFormat,
} from '../../src/index.js';
import { ksqlServer } from './server.js';

/**
 * The client against a running server over both HTTP versions and all three query formats.
 * Runs unchanged against a real ksqlDB: `KSQLDB_URL=http://host:8088 npx vitest run --project ksql`.
 */
let server: { url: string; stop(): Promise<void> };
let h2: KsqlClient;
let http1: KsqlClient;
const stream = uniqueName('client_s').toUpperCase();
const topic = uniqueName('client_t');
const table = uniqueName('client_tbl').toUpperCase();
const tableTopic = uniqueName('client_tt');

beforeAll(async () => {
  server = await ksqlServer();
  h2 = createKsqlClient({ url: server.url });
  http1 = createKsqlClient({ url: server.url, protocol: 'http1' });
  await h2.execute(
    `CREATE STREAM ${stream} (ID STRING KEY, N BIGINT, PRICE DECIMAL(4, 2), NAME STRING) ` +
      `WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON', PARTITIONS=1);`,
  );
  await h2.insert(stream, [
    { ID: 'a', N: 1, NAME: 'first' },
    { ID: 'b', N: 9007199254740993n, NAME: 'big' },
  ]);
  await h2.execute(`INSERT INTO ${stream} (ID, N, PRICE, NAME) VALUES ('c', 3, 12.30, 'decimal');`);
  await h2.execute(
    `CREATE TABLE ${table} (ID STRING PRIMARY KEY, V STRING) WITH (KAFKA_TOPIC='${tableTopic}', VALUE_FORMAT='JSON', PARTITIONS=1);`,
  );
});

afterAll(async () => {
  await h2?.close();
  await http1?.close();
  await server?.stop();
});

/** Protocol names for `it.each` (the clients exist only once `beforeAll` ran). */
const protocols = ['h2', 'http1'] as const;
const over = (protocol: (typeof protocols)[number]): KsqlClient => (protocol === 'h2' ? h2 : http1);
const formats: QueryFormat[] = ['delimited', 'json', 'v1'];
const earliest = { 'auto.offset.reset': 'earliest' };

async function take(rows: AsyncIterable<PushRow>, n: number): Promise<PushRow[]> {
  const out: PushRow[] = [];
  for await (const row of rows) {
    out.push(row);
    if (out.length === n) break;
  }
  return out;
}

describe('statements and server info', () => {
  it('reports info and health', async () => {
    const info = await h2.info();
    expect(info.version).toMatch(/^v?\d+\.\d+\./);
    expect(typeof info.ksqlServiceId).toBe('string');
    expect((await http1.healthcheck()).isHealthy).toBe(true);
  });

  it('returns typed entities from /ksql', async () => {
    const [streams] = await http1.execute('SHOW STREAMS;');
    expect(streams?.['@type']).toBe('streams');
    expect((streams!['streams'] as { name: string }[]).map((s) => s.name)).toContain(stream);
    const [description] = await h2.execute(`DESCRIBE ${stream};`);
    expect(description).toMatchObject({
      '@type': 'sourceDescription',
      sourceDescription: { name: stream, type: 'STREAM' },
    });
    expect(await h2.execute("SET 'auto.offset.reset'='earliest';")).toEqual([]);
  });
});

describe.each(formats)('queries in the %s format', (format) => {
  it.each(protocols)('push over %s: rows in order with lossless numbers, then close', async (protocol) => {
    const client = over(protocol);
    const query = await client.push(`SELECT ID, N, PRICE FROM ${stream} EMIT CHANGES;`, {
      format,
      properties: earliest,
    });
    expect(query.header.columns.map((c) => c.name)).toEqual(['ID', 'N', 'PRICE']);
    expect(query.queryId).toBeTruthy();
    const rows = await take(query, 3);
    expect(rows.map((r) => r.values)).toEqual([
      ['a', 1, null],
      ['b', 9007199254740993n, null],
      ['c', 3, '12.30'],
    ]);
    await query.close();
  });

  it.each(protocols)('pull over %s: a bounded scan of the stream', async (protocol) => {
    const client = over(protocol);
    const result = await client.pull(`SELECT ID, NAME FROM ${stream} WHERE ID = 'b';`, { format });
    expect(result.header.columns.map((c) => c.name)).toEqual(['ID', 'NAME']);
    expect(result.rows).toEqual([['b', 'big']]);
  });
});

describe('push queries', () => {
  it('ends on LIMIT', async () => {
    const query = await h2.push(`SELECT ID FROM ${stream} EMIT CHANGES LIMIT 2;`, {
      properties: earliest,
      format: 'v1',
    });
    const rows: PushRow[] = [];
    for await (const row of query) rows.push(row);
    expect(rows.map((r) => r.values)).toEqual([['a'], ['b']]);
  });

  it.each(protocols)('is cancelled by an AbortSignal over %s: iteration ends quietly', async (protocol) => {
    const client = over(protocol);
    const controller = new AbortController();
    const query = await client.push(`SELECT ID FROM ${stream} EMIT CHANGES;`, {
      properties: earliest,
      signal: controller.signal,
    });
    const seen: PushRow[] = [];
    for await (const row of query) {
      seen.push(row);
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toHaveLength(3);
    // The server no longer knows the query.
    await expect(client.closeQuery(query.queryId!)).rejects.toMatchObject({
      status: 400,
      errorCode: 40000,
    });
  });

  it('keeps tombstones in the v1 format and drops them in the others', async () => {
    const producer = await testKafka().producer();
    try {
      await producer.send([
        {
          topic: tableTopic,
          records: [
            { key: 'k1', value: '{"V":"one"}' },
            { key: 'k1', value: null },
            { key: 'k2', value: '{"V":"two"}' },
          ],
        },
      ]);
    } finally {
      await producer.close();
    }
    const sql = `SELECT ID, V FROM ${table} EMIT CHANGES;`;
    const v1 = await take(await h2.push(sql, { format: 'v1', properties: earliest }), 3);
    expect(v1).toEqual([
      { values: ['k1', 'one'], tombstone: false },
      { values: ['k1', null], tombstone: true },
      { values: ['k2', 'two'], tombstone: false },
    ]);
    const delimited = await take(await http1.push(sql, { format: 'delimited', properties: earliest }), 2);
    expect(delimited.map((r) => r.values)).toEqual([
      ['k1', 'one'],
      ['k2', 'two'],
    ]);
  });
});

describe('inserts', () => {
  it('acknowledges every row over HTTP/2', async () => {
    const acks = await h2.insert(stream, [
      { ID: 'd', N: 4 },
      { id: 'e', n: 5 },
    ]);
    expect(acks).toEqual([{ seq: 0 }, { seq: 1 }]);
    await eventually(async () => {
      const result = await h2.pull(`SELECT N FROM ${stream} WHERE ID = 'e';`);
      expect(result.rows).toEqual([[5]]);
    });
  });
});

describe('errors', () => {
  it('a bad statement: 400 / 40001 with the statement text', async () => {
    const error = await h2.execute(`DROP STREAM ${stream}_NOPE;`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KsqlClientError);
    expect(error).toMatchObject({ status: 400, errorCode: 40001, code: 'KSQL_STATEMENT', retriable: false });
    expect((error as KsqlClientError).statementText).toContain(`${stream}_NOPE`);
  });

  it('a SELECT sent to /ksql: 40002', async () => {
    await expect(h2.execute(`SELECT * FROM ${stream};`)).rejects.toMatchObject({
      status: 400,
      errorCode: 40002,
    });
  });

  it('a query on an unknown source: 40001 before any row', async () => {
    for (const format of formats) {
      await expect(http1.pull('SELECT * FROM NO_SUCH_SOURCE_X;', { format })).rejects.toMatchObject({
        status: 400,
        errorCode: 40001,
      });
    }
  });

  it('inserts over HTTP/1.1: 40004', async () => {
    await expect(http1.insert(stream, [{ ID: 'z' }])).rejects.toMatchObject({
      status: 400,
      errorCode: 40004,
    });
  });

  it('an unknown query id on /close-query: 40000', async () => {
    await expect(h2.closeQuery('transient_NOPE_1')).rejects.toMatchObject({ status: 400, errorCode: 40000 });
  });
});
