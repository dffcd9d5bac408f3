import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { migrate } from '@tally/sql';
import { createTestDatabase, eventually, type TestDatabase } from '@tally/testkit';
import { getIntrospectionQuery } from 'graphql/index.js';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeKsql } from '../live/fake-ksql.test-support.js';
import { type ApiServer, createApiServer } from './create-server.js';
import { EXAMPLE_OPERATIONS } from './graphiql.js';
import { openRawSocket } from './raw-socket.test-support.js';

const TOKEN = 's3cret';
const logger = createLogger('api-test', { level: process.env['LOG_LEVEL'] ?? 'error' });

/** `name ofType { name ofType { … } }`, `depth` levels deep. */
function nested(depth: number): string {
  return depth === 0 ? 'name' : `name ofType { ${nested(depth - 1)} }`;
}
let db: TestDatabase;
let ksql: FakeKsql;
let api: ApiServer;
let staticDir: string;

function candidateRow(id: string, name: string, votes: number) {
  return { CANDIDATE_ID: id, CANDIDATE_NAME: name, PARTY_AFFILIATION: 'P', PHOTO_URL: 'x.svg', VOTES: votes };
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary response shapes
type GraphqlBody = { data?: any; errors?: any[] };

async function graphql(query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlBody };
}

function wsClient(token = TOKEN) {
  return createClient({
    url: `${api.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token },
    retryAttempts: 0,
    lazy: true,
  });
}

beforeAll(async () => {
  db = await createTestDatabase('tally_api');
  await migrate(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`INSERT INTO candidates (candidate_id, candidate_name, party_affiliation, biography, campaign_platform, photo_url)
    VALUES ('cand-1','Avery Brooks','Management Party','b','c','a.svg'), ('cand-2','Blake Chen','Savior Party','b','c','b.svg')`);
  await client.query(`INSERT INTO voters (voter_id, voter_name, date_of_birth, gender, nationality, registration_number,
      address_street, address_city, address_state, address_country, address_postcode, email, phone_number, cell_number, picture, registered_age)
    VALUES ('v1','Jane','1980-01-01','female','United States','R1','1 St','Dayton','OH','United States','45402','e','p','c','pic',44),
           ('v2','John','1990-01-01','male','United States','R2','2 St','Dayton','OH','United States','45402','e','p','c','pic',34)`);
  await client.query(
    `INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('v1','cand-1','2026-11-03T14:02:11.123Z')`,
  );
  await client.end();
  ksql = new FakeKsql();
  ksql.upsert('VOTES_PER_CANDIDATE', candidateRow('cand-1', 'Avery Brooks', 1));
  ksql.upsert('REGISTERED_BY_STATE', { STATE: 'OH', REGISTERED: 2 });
  ksql.upsert('TURNOUT_BY_STATE', { STATE: 'OH', VOTES: 1 });
  ksql.upsert('VOTES_BY_STATE_CANDIDATE', { STATE: 'OH', CANDIDATE_ID: 'cand-1', VOTES: 1 });
  for (const name of ['VOTES_OVER_TIME', 'VOTES_BY_GENDER', 'VOTES_BY_AGE_BAND'] as const) ksql.table(name);
  staticDir = mkdtempSync(join(tmpdir(), 'tally-web-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Tally</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  api = await createApiServer({
    port: 0,
    ksqlClient: ksql,
    databaseUrl: db.url,
    token: TOKEN,
    staticDir,
    maxSubscriptionsPerConnection: 3,
    settleSnapshotMs: 0,
    backoff: { initialMs: 10, maxMs: 50 },
    logger,
  });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('queries over HTTP', () => {
  it('answers the summary, candidates and audit from the tables and PostgreSQL', async () => {
    const { body } = await graphql(`{
      summary { registeredVoters votesCast turnoutPercent candidateCount leader { candidate { name } } }
      candidates { candidate { id } votes }
      audit { consistent postgresTotal liveTotal }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.summary).toEqual({
      registeredVoters: 2,
      votesCast: 1,
      turnoutPercent: 50,
      candidateCount: 2,
      leader: { candidate: { name: 'Avery Brooks' } },
    });
    expect(body.data.candidates).toEqual([
      { candidate: { id: 'cand-1' }, votes: 1 },
      { candidate: { id: 'cand-2' }, votes: 0 },
    ]);
    expect(body.data.audit).toEqual({ consistent: true, postgresTotal: 1, liveTotal: 1 });
  });

  it('tells whether a voter voted, never for whom by default', async () => {
    const { body } = await graphql(`{
      v1: voter(voterId: "v1") { registered hasVoted votedAt candidate { id } }
      v2: voter(voterId: "v2") { registered hasVoted votedAt }
      nobody: voter(voterId: "nobody") { registered hasVoted }
    }`);
    expect(body.data).toEqual({
      v1: { registered: true, hasVoted: true, votedAt: '2026-11-03T14:02:11.123Z', candidate: null },
      v2: { registered: true, hasVoted: false, votedAt: null },
      nobody: { registered: false, hasVoted: false },
    });
  });

  it('validates arguments with clear errors', async () => {
    const { body } = await graphql('{ turnoutByState(first: 0) { totalCount } }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'Expected first between 1 and 60, found 0.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('pages turnout by state', async () => {
    const { body } = await graphql(
      '{ turnoutByState(first: 1, orderBy: {field: VOTES, direction: DESC}) { totalCount edges { node { code name votes turnoutPercent leader { candidate { id } } } } pageInfo { hasNextPage } } }',
    );
    expect(body.data.turnoutByState).toEqual({
      totalCount: 51,
      edges: [
        {
          node: {
            code: 'OH',
            name: 'Ohio',
            votes: 1,
            turnoutPercent: 50,
            leader: { candidate: { id: 'cand-1' } },
          },
        },
      ],
      pageInfo: { hasNextPage: true },
    });
  });

  it('names the cost limit when a query is too costly', async () => {
    const costly = await graphql(
      '{ turnoutByState(first: 60) { edges { node { code votes registeredVoters } } } }',
    );
    expect(costly.body.errors?.[0]?.message).toMatch(
      /^Query rejected by the API's cost limit: its cost is [\d.]+, the limit is 1000\./,
    );
    expect(costly.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'cost',
      max: 1000,
    });
    expect(costly.body.data).toBeUndefined();
  });

  it('answers a POST without a content type with 415, and an oversized body with 413', async () => {
    const untyped = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: new Blob([JSON.stringify({ query: '{ summary { votesCast } }' })]),
    });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as GraphqlBody).errors?.[0]?.message).toContain(
      'Content-Type: application/json',
    );
    const huge = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: `{ summary { votesCast } } # ${'x'.repeat(200_000)}` }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as GraphqlBody).errors?.[0]?.message).toMatch(/limit is 100000 bytes/);
  });

  it('runs every GraphiQL example query within the limits', async () => {
    for (const operation of EXAMPLE_OPERATIONS.filter((text) => !/^subscription/m.test(text))) {
      const { body } = await graphql(operation);
      expect(body.errors).toBeUndefined();
    }
  });

  it('refuses requests without the token, and too-deep queries', async () => {
    const unauthorized = await graphql('{ summary { votesCast } }', {}, null);
    expect(unauthorized.status).toBe(401);
    const deep = await graphql(`{ __schema { types { fields { type { ${nested(30)} } } } } }`);
    expect(deep.body.errors?.[0]?.message).toMatch(
      /^Query rejected by the API's depth limit: its depth is \d+, the limit is 25\./,
    );
    expect(deep.body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    const introspection = await graphql(getIntrospectionQuery());
    expect(introspection.body.errors).toBeUndefined();
  });
});

describe('API_TOKEN on every route that reads results', () => {
  it('refuses GraphQL over GET, POST, SSE and batched forms without the token; only pages without data stay open', async () => {
    const query = encodeURIComponent('{ summary { votesCast } candidates { votes } }');
    const attempts: [string, RequestInit][] = [
      [`/graphql?query=${query}`, { headers: { accept: 'application/json' } }],
      [
        `/graphql?query=${encodeURIComponent('subscription { candidates { votes } }')}`,
        { headers: { accept: 'text/event-stream' } },
      ],
      [
        '/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([{ query: '{ summary { votesCast } }' }]),
        },
      ],
      [
        '/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
          body: JSON.stringify({ query: '{ summary { votesCast } }' }),
        },
      ],
      [
        '/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/graphql+json', authorization: `Basic ${TOKEN}` },
          body: JSON.stringify({ query: '{ audit { liveTotal } }' }),
        },
      ],
    ];
    for (const [path, init] of attempts) {
      const response = await fetch(`${api.url}${path}`, init);
      const text = await response.text();
      expect(response.status, `${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers)}`).toBe(401);
      expect(text).not.toMatch(/votesCast"\s*:\s*\d/);
    }
    // a browser asking for HTML gets the playground page (GraphiQL, pre-filled), never the results
    const page = await fetch(`${api.url}/graphql?query=${query}`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toMatch(/<html|<!doctype/i);
    expect(html).not.toMatch(/votesCast"\s*:\s*\d/);
    // what stays open holds no results: liveness, readiness, metrics (counts of operations, not votes), the playground page
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const text = await (await fetch(`${api.url}${path}`)).text();
      expect(text).not.toMatch(/Avery Brooks|cand-1/);
    }
  });
});

describe('subscriptions over graphql-ws', () => {
  it('sends the current state, then the new state after a change', async () => {
    const client = wsClient();
    const results = client.iterate<{ candidates: { candidate: { id: string }; votes: number }[] }>({
      query: 'subscription { candidates { candidate { id } votes } }',
    });
    const first = await results.next();
    expect(first.value?.data?.candidates[0]).toEqual({ candidate: { id: 'cand-1' }, votes: 1 });
    // The change is of a vote cast 100 s ago (its ROWTIME): /metrics shows how old it arrived.
    ksql.upsert('VOTES_PER_CANDIDATE', {
      ...candidateRow('cand-1', 'Avery Brooks', 2),
      ROWTIME: Date.now() - 100_000,
    });
    const second = await results.next();
    expect(second.value?.data?.candidates[0]).toEqual({ candidate: { id: 'cand-1' }, votes: 2 });
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toContain('tally_api_upstream_row_age_seconds_count{table="VOTES_PER_CANDIDATE"} 1');
    expect(metrics).toContain(
      'tally_api_upstream_row_age_seconds_bucket{le="60",table="VOTES_PER_CANDIDATE"} 0',
    );
    expect(metrics).toContain(
      'tally_api_upstream_row_age_seconds_bucket{le="300",table="VOTES_PER_CANDIDATE"} 1',
    );
    await results.return?.();
    await client.dispose();
  });

  it('serves 100 subscribers from one upstream push query per table', async () => {
    const clients = Array.from({ length: 100 }, () => wsClient());
    const streams = clients.map((client) =>
      client.iterate<{ summary: { votesCast: number } }>({ query: 'subscription { summary { votesCast } }' }),
    );
    await Promise.all(streams.map((stream) => stream.next()));
    ksql.upsert('VOTES_PER_CANDIDATE', candidateRow('cand-2', 'Blake Chen', 5));
    const updates = await Promise.all(streams.map((stream) => stream.next()));
    expect(updates.every((update) => update.value?.data?.summary.votesCast === 7)).toBe(true);
    for (const table of ['VOTES_PER_CANDIDATE', 'REGISTERED_BY_STATE', 'VOTES_OVER_TIME'] as const)
      expect(ksql.table(table).pushQueriesStarted).toBe(1);
    await Promise.all(streams.map((stream) => stream.return?.()));
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('keeps subscriptions through an upstream outage and resumes updates', async () => {
    const client = wsClient();
    const results = client.iterate<{ breakdowns: { byGender: { label: string; votes: number }[] } }>({
      query: 'subscription { breakdowns { byGender { label votes } } }',
    });
    await results.next();
    ksql.dropAll(true);
    await eventually(async () => {
      const response = await fetch(`${api.url}/readyz`);
      expect(response.status).toBe(503);
    });
    ksql.table('VOTES_BY_GENDER').rows.set('female', { GENDER: 'female', VOTES: 3 });
    ksql.setDown(false);
    const resumed = await results.next();
    expect(resumed.value?.data?.breakdowns.byGender[0]).toEqual({ label: 'female', votes: 3 });
    ksql.upsert('VOTES_BY_GENDER', { GENDER: 'female', VOTES: 4 });
    const next = await results.next();
    expect(next.value?.data?.breakdowns.byGender[0]).toEqual({ label: 'female', votes: 4 });
    await results.return?.();
    await client.dispose();
  });

  it('closes a connection with a bad token with 4403 Forbidden', async () => {
    const socket = await openRawSocket(`${api.url}/graphql`);
    socket.send({ type: 'connection_init', payload: { token: 'wrong' } });
    expect(await socket.closed).toEqual({ code: 4403, reason: 'Forbidden' });
  });

  it('answers a too-deep subscription with an error message and keeps the connection', async () => {
    const socket = await openRawSocket(`${api.url}/graphql`);
    socket.send({ type: 'connection_init', payload: { token: TOKEN } });
    await socket.next((m) => m.type === 'connection_ack');
    socket.send({
      id: 'deep',
      type: 'subscribe',
      payload: {
        query: `query Deep { __schema { types { fields { type { ${nested(30)} } } } } }`,
      },
    });
    const error = await socket.next((m) => m.id === 'deep');
    expect(error.type).toBe('error');
    socket.send({
      id: 'ok',
      type: 'subscribe',
      payload: { query: 'subscription { summary { votesCast } }' },
    });
    expect((await socket.next((m) => m.id === 'ok')).type).toBe('next');
    socket.close();
  });

  it('limits operations per connection', async () => {
    const socket = await openRawSocket(`${api.url}/graphql`);
    socket.send({ type: 'connection_init', payload: { token: TOKEN } });
    await socket.next((m) => m.type === 'connection_ack');
    for (const id of ['1', '2', '3', '4'])
      socket.send({ id, type: 'subscribe', payload: { query: 'subscription { summary { votesCast } }' } });
    const refused = await socket.next((m) => m.id === '4');
    expect(refused).toMatchObject({
      type: 'error',
      payload: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }],
    });
    socket.close();
  });

  it('closes a connection sending a malformed message with 4400, and no other', async () => {
    const bystander = wsClient();
    const results = bystander.iterate<{ summary: { votesCast: number } }>({
      query: 'subscription { summary { votesCast } }',
    });
    await results.next();
    const socket = await openRawSocket(`${api.url}/graphql`);
    socket.send({ type: 'connection_init', payload: { token: TOKEN } });
    await socket.next((m) => m.type === 'connection_ack');
    socket.sendText('{"type":"subscribe","id":');
    expect((await socket.closed).code).toBe(4400);
    ksql.upsert('VOTES_PER_CANDIDATE', candidateRow('cand-2', 'Blake Chen', 6));
    const update = await results.next();
    expect(update.value?.data?.summary.votesCast).toBe(8);
    await results.return?.();
    await bystander.dispose();
  });
});

describe('operations endpoints', () => {
  it('serves liveness, readiness, metrics and an offline GraphiQL', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    await eventually(async () => expect((await fetch(`${api.url}/readyz`)).status).toBe(200));
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/tally_api_upstream_rows_total\{table="VOTES_PER_CANDIDATE"\} \d+/);
    expect(metrics).toMatch(/tally_api_operations_total\{type="subscription"\} \d+/);
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('subscription LiveResults');
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/);
  });

  it('serves the dashboard with an SPA fallback', async () => {
    const page = await fetch(`${api.url}/results/OH`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Tally</title>');
    expect((await fetch(`${api.url}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${api.url}/assets/missing.js`)).status).toBe(404);
    const outside = await fetch(`${api.url}/..%2f..%2fetc%2fpasswd`);
    expect(await outside.text()).not.toContain('root:');
  });
});

describe('shutdown', () => {
  it('closes graphql-ws sockets with 1001 Going away', async () => {
    const other = await createApiServer({
      port: 0,
      ksqlClient: ksql,
      databaseUrl: db.url,
      settleSnapshotMs: 0,
    });
    const socket = await openRawSocket(`${other.url}/graphql`);
    socket.send({ type: 'connection_init', payload: {} });
    await socket.next((m) => m.type === 'connection_ack');
    await other.close();
    expect(await socket.closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});
