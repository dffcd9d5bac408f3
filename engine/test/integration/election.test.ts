import { eventually, startEngine, type TestEngine, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Dispatcher, h2cClient, http1Pool, lineReader, parseV1 } from './http-client.js';

const ADDRESS = 'STRUCT<STREET STRING, CITY STRING, STATE STRING, COUNTRY STRING, POSTCODE STRING>';
const earliest = { 'ksql.streams.auto.offset.reset': 'earliest' };

/** The election's objects (docs/data-model.md), on topics unique to this run. */
function electionSql(prefix: string): string {
  return `
CREATE STREAM VOTES (VOTER_ID STRING KEY, VOTER_NAME STRING, GENDER STRING, REGISTERED_AGE INT, ADDRESS ${ADDRESS},
  CANDIDATE_ID STRING, CANDIDATE_NAME STRING, PARTY_AFFILIATION STRING, PHOTO_URL STRING, VOTING_TIME STRING, VOTE INT)
  WITH (KAFKA_TOPIC='${prefix}_votes', VALUE_FORMAT='JSON', PARTITIONS=2);
CREATE TABLE BALLOTS WITH (KAFKA_TOPIC='${prefix}_BALLOTS') AS SELECT VOTER_ID,
  LATEST_BY_OFFSET(CANDIDATE_ID) AS CANDIDATE_ID, LATEST_BY_OFFSET(CANDIDATE_NAME) AS CANDIDATE_NAME,
  LATEST_BY_OFFSET(PARTY_AFFILIATION) AS PARTY_AFFILIATION, LATEST_BY_OFFSET(PHOTO_URL) AS PHOTO_URL,
  LATEST_BY_OFFSET(ADDRESS->STATE) AS STATE, COUNT(*) AS BALLOTS_RECEIVED
  FROM VOTES GROUP BY VOTER_ID EMIT CHANGES;
CREATE TABLE VOTES_PER_CANDIDATE WITH (KAFKA_TOPIC='${prefix}_VOTES_PER_CANDIDATE', KEY_FORMAT='JSON') AS
  SELECT CANDIDATE_ID, CANDIDATE_NAME, PARTY_AFFILIATION, PHOTO_URL, COUNT(*) AS VOTES
  FROM BALLOTS GROUP BY CANDIDATE_ID, CANDIDATE_NAME, PARTY_AFFILIATION, PHOTO_URL EMIT CHANGES;
CREATE TABLE TURNOUT_BY_STATE WITH (KAFKA_TOPIC='${prefix}_TURNOUT_BY_STATE') AS
  SELECT STATE, COUNT(*) AS VOTES FROM BALLOTS GROUP BY STATE EMIT CHANGES;`;
}

const candidates = ['cand-1', 'cand-2', 'cand-3'];
const states = ['OH', 'CA'];

function vote(voter: number, candidate: string) {
  return {
    voter_id: `voter-${voter}`,
    voter_name: `Voter ${voter}`,
    gender: 'female',
    registered_age: 30 + (voter % 40),
    address: {
      street: '1 Main St',
      city: 'Town',
      state: states[voter % states.length],
      country: 'US',
      postcode: '00000',
    },
    candidate_id: candidate,
    candidate_name: `Name ${candidate}`,
    party_affiliation: 'Party',
    photo_url: 'data:,',
    voting_time: new Date().toISOString(),
    vote: 1,
  };
}

/** Votes of `count` voters (voter i → candidate i mod 3); every third voter's vote is sent twice. */
function ballots(from: number, count: number) {
  const records = [];
  for (let voter = from; voter < from + count; voter += 1) {
    const value = JSON.stringify(vote(voter, candidates[voter % candidates.length]!));
    const record = { key: `voter-${voter}`, value, timestamp: Date.now() };
    records.push(record);
    if (voter % 3 === 0) records.push(record);
  }
  return records;
}

function expectedTotals(voters: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (let voter = 0; voter < voters; voter += 1) {
    const candidate = candidates[voter % candidates.length]!;
    totals[candidate] = (totals[candidate] ?? 0) + 1;
  }
  return totals;
}

describe('the election over HTTP on real Kafka', () => {
  const prefix = uniqueName('election');
  let engine: TestEngine;
  let h1: Dispatcher;
  let h2: Dispatcher;
  const produce = async (records: ReturnType<typeof ballots>) => {
    const producer = await testKafka().producer();
    try {
      await producer.send([{ topic: `${prefix}_votes`, records }]);
    } finally {
      await producer.close();
    }
  };
  /** Totals by pull query through `/query-stream` (delimited over HTTP/1.1). */
  const pullTotals = async (client: Dispatcher = h1): Promise<Record<string, number>> => {
    const reply = await call(client, 'POST', '/query-stream', {
      sql: 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;',
    });
    expect(reply.status).toBe(200);
    const [, ...rows] = reply.text.trim().split('\n');
    return Object.fromEntries(rows.map((line) => JSON.parse(line) as [string, number]));
  };

  beforeAll(async () => {
    engine = await startEngine();
    h1 = http1Pool(engine.url);
    h2 = h2cClient(engine.url);
    const created = await call(h1, 'POST', '/ksql', {
      ksql: electionSql(prefix),
      streamsProperties: earliest,
    });
    expect(created.status, created.text).toBe(200);
    expect(
      JSON.parse(created.text).map((e: { commandStatus: { status: string } }) => e.commandStatus.status),
    ).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    await produce(ballots(0, 30));
  });
  afterAll(async () => {
    await h1?.close();
    await h2?.close();
    await engine?.stop();
  });

  it('counts each voter once: pull query over /query-stream, delimited on HTTP/1.1', async () => {
    await eventually(async () => expect(await pullTotals()).toEqual(expectedTotals(30)));
  });

  it('answers the same totals as a JSON array over HTTP/2 and as v1 rows on /query', async () => {
    await eventually(async () => {
      const json = await call(
        h2,
        'POST',
        '/query-stream',
        { sql: 'SELECT * FROM VOTES_PER_CANDIDATE;' },
        'application/json',
      );
      const [header, ...rows] = JSON.parse(json.text) as [{ columnNames: string[] }, ...unknown[][]];
      expect(header.columnNames).toEqual([
        'CANDIDATE_ID',
        'CANDIDATE_NAME',
        'PARTY_AFFILIATION',
        'PHOTO_URL',
        'VOTES',
      ]);
      expect(Object.fromEntries(rows.map((r) => [r[0], r[4]]))).toEqual(expectedTotals(30));
    });
    const v1 = await call(
      h1,
      'POST',
      '/query',
      { ksql: "SELECT * FROM TURNOUT_BY_STATE WHERE STATE = 'OH';" },
      'application/vnd.ksql.v1+json',
    );
    expect(v1.status).toBe(200);
    const [header, ...rows] = parseV1(v1.text);
    expect(header).toMatchObject({ header: { schema: '`STATE` STRING KEY, `VOTES` BIGINT' } });
    expect(rows).toEqual([{ row: { columns: ['OH', 15] } }]);
  });

  for (const protocol of ['HTTP/1.1', 'HTTP/2'] as const) {
    it(`streams the totals by push query over ${protocol}`, async () => {
      const client = protocol === 'HTTP/1.1' ? h1 : h2cClient(engine.url);
      try {
        const response = await client.request({
          method: 'POST',
          path: '/query-stream',
          body: JSON.stringify({
            sql: 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE EMIT CHANGES;',
            properties: { 'auto.offset.reset': 'earliest' },
          }),
        });
        expect(response.statusCode).toBe(200);
        const lines = lineReader(response.body);
        const header = JSON.parse((await lines.next())!);
        expect(header).toMatchObject({
          columnNames: ['CANDIDATE_ID', 'VOTES'],
          columnTypes: ['STRING', 'BIGINT'],
        });
        const latest: Record<string, number> = {};
        const want = expectedTotals(30);
        while (
          JSON.stringify(Object.entries(latest).sort()) !== JSON.stringify(Object.entries(want).sort())
        ) {
          const [candidate, votes] = JSON.parse((await lines.next())!) as [string, number];
          latest[candidate] = votes;
        }
        const closed = await call(h1, 'POST', '/close-query', { queryId: header.queryId });
        expect(closed.status).toBe(200);
        while ((await lines.next()) !== undefined) {
          // drain what was in flight; the response ends after /close-query
        }
      } finally {
        if (client !== h1) await client.close();
      }
    });
  }

  it('starts a push query at latest by default: only records produced after it started', async () => {
    const client = h2cClient(engine.url);
    try {
      const response = await client.request({
        method: 'POST',
        path: '/query-stream',
        body: JSON.stringify({ sql: 'SELECT VOTER_ID, CANDIDATE_ID FROM VOTES EMIT CHANGES LIMIT 1;' }),
      });
      const lines = lineReader(response.body);
      expect(JSON.parse((await lines.next())!)).toMatchObject({ columnNames: ['VOTER_ID', 'CANDIDATE_ID'] });
      await produce(ballots(0, 1)); // voter-0 re-sends the vote already counted
      expect(JSON.parse((await lines.next())!)).toEqual(['voter-0', 'cand-1']);
      expect(await lines.next()).toBeUndefined(); // LIMIT 1 reached: the response ends
    } finally {
      await client.close();
    }
  });

  it('inserts a vote through /inserts-stream over HTTP/2', async () => {
    const body = [
      JSON.stringify({ target: 'VOTES' }),
      JSON.stringify(vote(1000, 'cand-2')).replace(/"voter_id"/, '"VOTER_ID"'),
      '',
    ].join('\n');
    const reply = await call(h2, 'POST', '/inserts-stream', body);
    expect([reply.status, reply.text]).toEqual([200, '{"status":"ok","seq":0}\n']);
    const totals = expectedTotals(30);
    totals['cand-2'] = (totals['cand-2'] ?? 0) + 1;
    await eventually(async () => expect(await pullTotals()).toEqual(totals));
  });

  it("answers every error class with ksqlDB's code", async () => {
    const bad = await call(h1, 'POST', '/ksql', { ksql: 'CREATE STREAM NOPE;' });
    expect([bad.status, JSON.parse(bad.text)['@type'], JSON.parse(bad.text).error_code]).toEqual([
      400,
      'statement_error',
      40001,
    ]);
    expect(JSON.parse(bad.text)).not.toHaveProperty('stackTrace');
    // A syntax error in a script's second statement: its position counts from the script's start,
    // and nothing of the script is applied.
    const script = await call(h1, 'POST', '/ksql', {
      ksql: "CREATE STREAM HALF_APPLIED (K STRING KEY, V INT) WITH (KAFKA_TOPIC='half_applied', VALUE_FORMAT='JSON', PARTITIONS=1);\nCREATE TABLE T AS SELECT V, COUNT(*) FROM HALF_APPLIED GROUP BY (V;",
    });
    expect([script.status, JSON.parse(script.text).error_code]).toEqual([400, 40001]);
    expect(JSON.parse(script.text).message).toMatch(/^line 2:\d+: Syntax Error/);
    const streams = await call(h1, 'POST', '/ksql', { ksql: 'SHOW STREAMS;' });
    expect(streams.text).not.toContain('HALF_APPLIED');
    const select = await call(h1, 'POST', '/ksql', { ksql: 'SELECT * FROM VOTES_PER_CANDIDATE;' });
    expect([select.status, JSON.parse(select.text).error_code]).toEqual([400, 40002]);
    const unknownSource = await call(h1, 'POST', '/query-stream', { sql: 'SELECT * FROM NO_SUCH_TABLE;' });
    expect([unknownSource.status, JSON.parse(unknownSource.text).error_code]).toEqual([400, 40001]);
    const notJson = await call(h1, 'POST', '/ksql', '{"ksql": ');
    expect([notJson.status, JSON.parse(notJson.text).error_code]).toEqual([400, 40000]);
    const noSql = await call(h2, 'POST', '/query-stream', {});
    expect(JSON.parse(noSql.text)).toEqual({
      '@type': 'generic_error',
      error_code: 40000,
      message: "Invalid JSON in request: Missing required creator property 'sql'",
    });
    const noQuery = await call(h1, 'POST', '/close-query', { queryId: 'transient_X_1' });
    expect([noQuery.status, JSON.parse(noQuery.text).message]).toEqual([
      400,
      'No query with id transient_X_1',
    ]);
    const http1Insert = await call(h1, 'POST', '/inserts-stream', '{"target":"VOTES"}\n');
    expect([http1Insert.status, JSON.parse(http1Insert.text).error_code]).toEqual([400, 40004]);
    const unknownCommand = await call(h1, 'GET', '/status/stream/NOPE/create');
    expect([unknownCommand.status, JSON.parse(unknownCommand.text).error_code]).toEqual([404, 40400]);
    const notAcceptable = await call(h1, 'POST', '/query', { ksql: 'SELECT * FROM BALLOTS;' }, 'text/csv');
    expect(notAcceptable.status).toBe(406);
    const nowhere = await call(h1, 'GET', '/nowhere');
    expect([nowhere.status, nowhere.text]).toEqual([404, 'Not Found']);
  });

  it('survives a restart: statements replayed, totals intact, new votes counted once', async () => {
    const before = await pullTotals();
    await engine.stop();
    expect(await engine.process.exited()).toBe(0); // SIGTERM: graceful shutdown
    await h1.close();
    await h2.close();
    await engine.restart();
    h1 = http1Pool(engine.url);
    h2 = h2cClient(engine.url);
    const info = JSON.parse((await call(h1, 'GET', '/info')).text);
    expect(info.KsqlServerInfo.serverStatus).toBe('RUNNING');
    await eventually(async () => expect(await pullTotals()).toEqual(before));
    await produce(ballots(30, 6));
    const after = expectedTotals(36);
    after['cand-2'] = (after['cand-2'] ?? 0) + 1; // the vote inserted through /inserts-stream
    await eventually(async () => expect(await pullTotals()).toEqual(after));
  });
});
