import type { KsqlEntity } from '@tally/ksql';
import { eventually } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSocket } from '../../src/server/raw-socket.test-support.js';
import { type Stack, startStack, watch, wsClient } from './stack.js';

const TOKEN = 'integration-token';
let stack: Stack;

interface Summary {
  summary: { registeredVoters: number; votesCast: number; candidateCount: number };
}

async function graphql(query: string) {
  const response = await fetch(`${stack.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/**
 * Running push queries on the engine over `table`: ksqlDB names them `transient_<SOURCE>_<n>` and
 * shows their statement (the embedded engine may leave `queryString` empty).
 */
async function pushQueriesOn(table: string): Promise<number> {
  const [entity] = (await stack.ksql.execute('SHOW QUERIES;')) as KsqlEntity[];
  const queries = (entity?.['queries'] ?? []) as { queryType?: string; queryString?: string; id?: string }[];
  const source = new RegExp(`\\b${table}\\b`, 'i');
  return queries.filter(
    (query) =>
      query.queryType === 'PUSH' &&
      (source.test(query.queryString ?? '') ||
        (query.id ?? '').toUpperCase().startsWith(`TRANSIENT_${table}_`)),
  ).length;
}

beforeAll(async () => {
  stack = await startStack({ token: TOKEN, maxSubscriptionsPerConnection: 5 });
});

afterAll(async () => {
  await stack?.close();
});

describe('live results on the real engine, Kafka and PostgreSQL', () => {
  it('sends a subscriber the snapshot, then the totals as votes are produced', async () => {
    const client = wsClient(stack.api, TOKEN);
    const summary = watch<Summary>(
      client,
      'subscription { summary { registeredVoters votesCast candidateCount } }',
    );
    await eventually(() => expect(summary.latest()?.summary.registeredVoters).toBe(20), {
      timeoutMs: 60_000,
    });
    const before = summary.values.length;
    await stack.startVoting();
    await eventually(
      () =>
        expect(summary.latest()?.summary).toEqual({ registeredVoters: 20, votesCast: 20, candidateCount: 3 }),
      {
        timeoutMs: 60_000,
      },
    );
    expect(summary.values.length).toBeGreaterThan(before);
    const audit = await graphql('{ audit { consistent postgresTotal liveTotal } }');
    expect(audit.data?.['audit']).toEqual({ consistent: true, postgresTotal: 20, liveTotal: 20 });
    summary.stop();
    await client.dispose();
  });

  it('serves 100 concurrent subscribers from one upstream push query', async () => {
    const clients = Array.from({ length: 100 }, () => wsClient(stack.api, TOKEN));
    const watched = clients.map((client) =>
      watch<{ candidates: { votes: number }[] }>(client, 'subscription { candidates { votes } }'),
    );
    await eventually(() => {
      for (const one of watched)
        expect(one.latest()?.candidates.reduce((sum, c) => sum + c.votes, 0)).toBe(20);
    });
    expect(await pushQueriesOn('VOTES_PER_CANDIDATE')).toBe(1);
    const metrics = await (await fetch(`${stack.api.url}/metrics`)).text();
    expect(metrics).toMatch(/tally_api_subscribers\{field="candidates"\} 100/);
    for (const one of watched) one.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('resumes updates after the engine is killed and restarted, without resubscribing', async () => {
    const client = wsClient(stack.api, TOKEN);
    const summary = watch<Summary>(
      client,
      'subscription { summary { registeredVoters votesCast candidateCount } }',
    );
    await eventually(() => expect(summary.latest()?.summary.votesCast).toBe(20));
    await stack.engine.stop('SIGKILL');
    await eventually(async () => expect((await fetch(`${stack.api.url}/readyz`)).status).toBe(503));
    await stack.engine.restart();
    await stack.seedVoters(30); // ten more voters; the running vote producer casts their votes
    await eventually(
      () => expect(summary.latest()?.summary).toMatchObject({ registeredVoters: 30, votesCast: 30 }),
      {
        timeoutMs: 90_000,
      },
    );
    await eventually(async () => expect((await fetch(`${stack.api.url}/readyz`)).status).toBe(200));
    summary.stop();
    await client.dispose();
  });

  it('answers a bad token, a too-deep query and a malformed message with the protocol errors only', async () => {
    const client = wsClient(stack.api, TOKEN);
    const bystander = watch<Summary>(
      client,
      'subscription { summary { registeredVoters votesCast candidateCount } }',
    );
    await eventually(() => expect(bystander.latest()?.summary.votesCast).toBeGreaterThan(0));

    const intruder = await openRawSocket(`${stack.api.url}/graphql`);
    intruder.send({ type: 'connection_init', payload: { token: 'wrong' } });
    expect(await intruder.closed).toEqual({ code: 4403, reason: 'Forbidden' });
    const unauthorized = await fetch(`${stack.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ summary { votesCast } }' }),
    });
    expect(unauthorized.status).toBe(401);

    const socket = await openRawSocket(`${stack.api.url}/graphql`);
    socket.send({ type: 'connection_init', payload: { token: TOKEN } });
    await socket.next((message) => message.type === 'connection_ack');
    const deep = `query Deep { __schema { types { fields { type { ${'name ofType { '.repeat(30)}name${' }'.repeat(30)} } } } } }`;
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: deep } });
    const rejected = await socket.next((message) => message.id === 'deep');
    expect(rejected).toMatchObject({
      type: 'error',
      payload: [{ message: expect.stringMatching(/depth limit/) }],
    });
    socket.sendText('{"id":"x","type":"subscribe","payload":');
    expect((await socket.closed).code).toBe(4400);

    const ok = await graphql('{ summary { votesCast } }');
    expect(ok.errors).toBeUndefined();
    const { registeredVoters, votesCast } = bystander.latest()!.summary;
    await stack.seedVoters(registeredVoters + 5); // five more votes: the bystander still gets updates
    await eventually(
      () =>
        expect(bystander.latest()?.summary).toEqual({
          registeredVoters: registeredVoters + 5,
          votesCast: votesCast + 5,
          candidateCount: 3,
        }),
      { timeoutMs: 40_000 },
    );
    bystander.stop();
    await client.dispose();
  });
});
