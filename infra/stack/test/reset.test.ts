import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { freePort } from '@tally/kafka-broker';
import { createTestDatabase, eventually, GiveUpError, type TestDatabase } from '@tally/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStackOptions } from '../src/options.js';
import { type RunningStack, startStack } from '../src/stack.js';

interface Live {
  summary: { registeredVoters: number; votesCast: number; candidateCount: number };
  candidates: { candidate: { id: string }; votes: number }[];
  turnoutByState: {
    edges: { node: { code: string; votes: number; registeredVoters: number } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** One GraphQL query (the API's cost limit keeps each one small). */
async function ask<T>(graphqlUrl: string, query: string): Promise<T> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  // A rejected query will not pass on a retry: fail at once.
  if (!body.data) throw new GiveUpError(`GraphQL answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Every total the dashboard shows, from the API (the live tables). */
async function liveTotals(graphqlUrl: string) {
  const { summary, candidates } = await ask<Pick<Live, 'summary' | 'candidates'>>(
    graphqlUrl,
    '{ summary { registeredVoters votesCast candidateCount } candidates { candidate { id } votes } }',
  );
  // The states in pages of 20 (60 at once is over the API's cost limit).
  const edges: Live['turnoutByState']['edges'] = [];
  for (let after: string | null = null; ; ) {
    const cursor: string = after === null ? '' : `, after: ${JSON.stringify(after)}`;
    const { turnoutByState: page } = await ask<Pick<Live, 'turnoutByState'>>(
      graphqlUrl,
      `{ turnoutByState(first: 20${cursor}) { edges { node { code votes registeredVoters } } pageInfo { hasNextPage endCursor } } }`,
    );
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return {
    registeredVoters: summary.registeredVoters,
    votesCast: summary.votesCast,
    candidateCount: summary.candidateCount,
    candidates: Object.fromEntries(candidates.map((c) => [c.candidate.id, c.votes])),
    states: Object.fromEntries(
      edges
        .filter((e) => e.node.registeredVoters > 0 || e.node.votes > 0)
        .map((e) => [e.node.code, { votes: e.node.votes, registered: e.node.registeredVoters }]),
    ),
  };
}

/** The same totals, from PostgreSQL. */
async function postgresTotals(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    const perCandidate = await client.query(
      'SELECT c.candidate_id AS id, count(v.voter_id)::int AS n FROM candidates c LEFT JOIN votes v USING (candidate_id) GROUP BY 1',
    );
    const perState = await client.query(
      `SELECT r.address_state AS code, count(*)::int AS registered, count(v.voter_id)::int AS votes
       FROM voters r LEFT JOIN votes v USING (voter_id) GROUP BY 1`,
    );
    return {
      registeredVoters: await count('SELECT count(*) AS n FROM voters'),
      votesCast: await count('SELECT count(*) AS n FROM votes'),
      candidateCount: await count('SELECT count(*) AS n FROM candidates'),
      candidates: Object.fromEntries(perCandidate.rows.map((r) => [r.id as string, r.n as number])),
      states: Object.fromEntries(
        perState.rows.map((r) => [r.code as string, { votes: r.votes as number, registered: r.registered }]),
      ),
    };
  } finally {
    await client.end();
  }
}

/**
 * `npm start -- --reset` on the real stack (its own Kafka broker, the engine, PostgreSQL, the API):
 * an election runs to its end, then a reset election with other voters and candidates must show
 * PostgreSQL's totals in every live table — nothing of the first election left over.
 */
describe('npm start --reset', () => {
  const logger = createLogger('reset-test');
  const saved = { ...process.env };
  let stateDir: string;
  let database: TestDatabase;
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'tally-reset-'));
    database = await createTestDatabase('tally_reset');
    // The stack's own broker in its own state folder, as `npm start` runs by default.
    for (const name of ['KAFKA_BROKERS', 'KSQLDB_URL', 'KSQL_SERVICE_ID']) delete process.env[name];
    Object.assign(process.env, { TALLY_STATE_DIR: stateDir, DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
  });

  afterAll(async () => {
    await stack?.stop();
    process.env = saved;
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const run = async (argv: string[]) => {
    const ports = ['--api-port', String(await freePort()), '--engine-port', String(await freePort())];
    return startStack(parseStackOptions([...argv, ...ports, '--kafka-port', kafkaPort]), logger);
  };
  let kafkaPort = '';

  it('starts a new election everywhere: every live total equals PostgreSQL', async () => {
    kafkaPort = String(await freePort());
    stack = await run(['--voters', '300', '--candidates', '3', '--rate', '1000', '--seed', '1']);
    const first = stack;
    await eventually(async () => expect((await liveTotals(first.graphqlUrl)).votesCast).toBe(300), {
      timeoutMs: 180_000,
      intervalMs: 500,
    });
    await stack.stop();
    stack = undefined;

    stack = await run(['--reset', '--voters', '120', '--candidates', '2', '--rate', '1000', '--seed', '2']);
    const second = stack;
    const expected = await eventually(
      async () => {
        const totals = await postgresTotals(database.url);
        expect(totals.votesCast).toBe(120);
        return totals;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(expected.registeredVoters).toBe(120);
    expect(expected.candidateCount).toBe(2);
    await eventually(async () => expect(await liveTotals(second.graphqlUrl)).toEqual(expected), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
  }, 900_000);
});
