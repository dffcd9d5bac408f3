import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine, type KsqlEngine } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';
import { ELECTION_SQL } from './election-sql.js';

const logger = createLogger('engine-test', { level: 'silent' });

function vote(voter: string, candidate: string, state: string, age: number, timestamp: number) {
  const value = {
    voter_id: voter,
    voter_name: `Voter ${voter}`,
    gender: 'female',
    registered_age: age,
    address: { street: '1 Main St', city: 'Dayton', state, country: 'United States', postcode: '45402' },
    candidate_id: candidate,
    candidate_name: `Candidate ${candidate}`,
    party_affiliation: 'Party',
    photo_url: 'data:x',
    voting_time: new Date(timestamp).toISOString(),
    vote: 1,
  };
  return { key: Buffer.from(voter), value: Buffer.from(JSON.stringify(value)), timestamp };
}

async function rows(engine: KsqlEngine, sql: string): Promise<string[]> {
  const q = await engine.query({ sql });
  const out: string[] = [];
  for await (const r of q.rows) out.push(r.json);
  return out.sort();
}

async function start(store: MemoryTopicStore): Promise<KsqlEngine> {
  return createKsqlEngine({
    store,
    serviceId: 'tally_',
    logger,
    config: { 'ksql.streams.auto.offset.reset': 'earliest' },
  });
}

describe('election slice on the in-memory store', () => {
  it('counts each voter once, moves re-cast votes between candidates and answers pull queries', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    const entities = await engine.execute({ ksql: ELECTION_SQL });
    expect(entities.map((e) => (e.commandStatus as { queryId: string | null }).queryId)).toEqual([
      null,
      null,
      'CTAS_BALLOTS_2',
      'CTAS_VOTES_PER_CANDIDATE_3',
      'CTAS_TURNOUT_BY_STATE_4',
      'CTAS_REGISTERED_BY_STATE_5',
      null,
      'CSAS_FIRST_BALLOTS_7',
      'CTAS_VOTES_OVER_TIME_8',
    ]);
    await store.produce('votes_topic', [
      vote('v1', 'c1', 'OH', 30, 1_000),
      vote('v2', 'c2', 'OH', 70, 2_000),
      vote('v1', 'c1', 'OH', 30, 1_000), // re-sent duplicate
      vote('v3', 'c1', 'CA', 20, 61_000),
      vote('v2', 'c1', 'OH', 70, 62_000), // changes candidate
    ]);
    await store.settle();
    expect(await rows(engine, 'SELECT * FROM VOTES_PER_CANDIDATE;')).toEqual([
      '["c1","Candidate c1","Party","data:x",3]',
      '["c2","Candidate c2","Party","data:x",0]',
    ]);
    expect(await rows(engine, "SELECT * FROM TURNOUT_BY_STATE WHERE STATE='OH';")).toEqual(['["OH",2]']);
    expect(
      await rows(engine, 'SELECT CANDIDATE_ID, VOTES FROM VOTES_OVER_TIME WHERE WINDOWSTART >= 60000;'),
    ).toEqual(['["c1",1]']);
    expect(
      await rows(
        engine,
        "SELECT VOTER_ID, AGE_BAND, BALLOTS_RECEIVED FROM BALLOTS WHERE VOTER_ID IN ('v1', 'v3');",
      ),
    ).toEqual(['["v1","25-34",2]', '["v3","18-24",1]']);
    // The table→table aggregation retracts from the old group first, then adds to the new one.
    const changelog = store
      .records('VOTES_PER_CANDIDATE')
      .map((r) => `${r.key?.toString()} ${r.value?.toString()}`);
    expect(changelog.slice(-2)).toEqual([
      '{"CANDIDATE_ID":"c2","CANDIDATE_NAME":"Candidate c2","PARTY_AFFILIATION":"Party","PHOTO_URL":"data:x"} {"VOTES":0}',
      '{"CANDIDATE_ID":"c1","CANDIDATE_NAME":"Candidate c1","PARTY_AFFILIATION":"Party","PHOTO_URL":"data:x"} {"VOTES":3}',
    ]);
    // Each query counts what it read and the commits it wrote (/metrics: query_commits_total).
    const core = engine as unknown as {
      queryMetrics(): { id: string; recordsIn: number; commits: number }[];
    };
    const ballots = core.queryMetrics().find((q) => q.id === 'CTAS_BALLOTS_2');
    expect(ballots?.recordsIn).toBe(5);
    expect(ballots?.commits).toBeGreaterThan(0);
    await engine.close();
  });

  it('streams table changes to a push query and ends at LIMIT', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({ ksql: ELECTION_SQL });
    const push = await engine.query({
      sql: 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE EMIT CHANGES LIMIT 3;',
      properties: { 'auto.offset.reset': 'earliest' },
    });
    await store.produce('votes_topic', [
      vote('a', 'c1', 'OH', 40, 1),
      vote('b', 'c1', 'OH', 40, 2),
      vote('a', 'c2', 'OH', 40, 3),
    ]);
    const seen: string[] = [];
    for await (const r of push.rows) seen.push(r.json);
    expect(seen).toEqual(['["c1",1]', '["c1",2]', '["c1",1]']);
    expect(push.end()).toBe('limit');
    await engine.close();
  });

  it('survives a restart: replays statements with their query ids and restores state', async () => {
    const store = new MemoryTopicStore();
    const first = await start(store);
    await first.execute({ ksql: ELECTION_SQL });
    await store.produce('votes_topic', [
      vote('v1', 'c1', 'OH', 30, 1_000),
      vote('v2', 'c2', 'TX', 50, 2_000),
    ]);
    await store.settle();
    await first.close();

    await store.produce('votes_topic', [
      vote('v3', 'c1', 'OH', 30, 3_000),
      vote('v1', 'c2', 'OH', 30, 4_000),
    ]);
    const second = await start(store);
    expect(second.health().serverState).toBe('READY');
    await store.settle();
    expect(await rows(second, 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;')).toEqual([
      '["c1",1]',
      '["c2",2]',
    ]);
    const queries = await second.execute({ ksql: 'SHOW QUERIES;' });
    expect((queries[0]!.queries as { id: string }[]).map((q) => q.id).sort()).toContain('CTAS_BALLOTS_2');
    // Each input was counted once: BALLOTS saw 4 votes in total across both lives.
    expect(store.records('BALLOTS')).toHaveLength(4);
    await second.close();
  });

  it('sends undecodable records to the processing log and keeps going', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({ ksql: ELECTION_SQL });
    await store.produce('votes_topic', [
      { key: Buffer.from('bad'), value: Buffer.from('{not json'), timestamp: 1 },
      vote('v1', 'c1', 'OH', 30, 2),
    ]);
    await store.settle();
    expect(await rows(engine, 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;')).toEqual(['["c1",1]']);
    const log = store
      .records('tally_ksql_processing_log')
      .map((r) => parse(r.value!.toString()) as { MESSAGE: { TYPE: unknown } });
    expect(log).toHaveLength(1);
    expect(String(log[0]!.MESSAGE.TYPE)).toBe('0');
    await engine.close();
  });

  it('serves the ksql-migrations metadata objects', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({
      ksql: `CREATE STREAM MIGRATION_EVENTS (version_key STRING KEY, version STRING, name STRING, state STRING, checksum STRING, started_on STRING, completed_on STRING, previous STRING, error_reason STRING) WITH (KAFKA_TOPIC='tally_ksql_MIGRATION_EVENTS', VALUE_FORMAT='JSON', PARTITIONS=1, REPLICAS=1);`,
    });
    await engine.execute({
      ksql: `CREATE TABLE MIGRATION_SCHEMA_VERSIONS WITH (KAFKA_TOPIC='tally_ksql_MIGRATION_SCHEMA_VERSIONS') AS SELECT version_key, latest_by_offset(version) AS version, latest_by_offset(name) AS name, latest_by_offset(state) AS state, latest_by_offset(checksum) AS checksum, latest_by_offset(started_on) AS started_on, latest_by_offset(completed_on) AS completed_on, latest_by_offset(previous) AS previous, latest_by_offset(error_reason) AS error_reason FROM MIGRATION_EVENTS GROUP BY version_key;`,
    });
    const target = await engine.openInsertTarget('MIGRATION_EVENTS');
    const row = {
      VERSION: '1',
      NAME: 'create votes',
      STATE: 'MIGRATED',
      CHECKSUM: 'abc',
      STARTED_ON: '1',
      COMPLETED_ON: '2',
      PREVIOUS: '<none>',
      ERROR_REASON: 'N/A',
    };
    await target.insert({ VERSION_KEY: 'CURRENT', ...row });
    await target.insert({ VERSION_KEY: '1', ...row });
    await store.settle();
    expect(
      await rows(engine, "SELECT VERSION FROM MIGRATION_SCHEMA_VERSIONS WHERE version_key = 'CURRENT';"),
    ).toEqual(['["1"]']);
    expect(
      await rows(
        engine,
        "SELECT version, state FROM MIGRATION_SCHEMA_VERSIONS WHERE version_key IN ('1', '2');",
      ),
    ).toEqual(['["1","MIGRATED"]']);
    await engine.close();
  });
});

describe('joins on the in-memory store', () => {
  it('enriches a stream from a table (stream-table LEFT JOIN)', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({
      ksql: `CREATE TABLE CANDIDATES (CANDIDATE_ID STRING PRIMARY KEY, CANDIDATE_NAME STRING) WITH (KAFKA_TOPIC='candidates_topic', VALUE_FORMAT='JSON', PARTITIONS=1);
        CREATE STREAM V (VOTER_ID STRING KEY, CANDIDATE_ID STRING) WITH (KAFKA_TOPIC='v_topic', VALUE_FORMAT='JSON', PARTITIONS=1);
        CREATE STREAM ENRICHED AS SELECT V.VOTER_ID, V.CANDIDATE_ID, C.CANDIDATE_NAME FROM V LEFT JOIN CANDIDATES C ON V.CANDIDATE_ID = C.CANDIDATE_ID;`,
    });
    await store.produce('candidates_topic', [
      { key: Buffer.from('c1'), value: Buffer.from('{"candidate_name":"Avery"}'), timestamp: 0 },
    ]);
    await store.settle();
    await store.produce('v_topic', [
      { key: Buffer.from('v1'), value: Buffer.from('{"candidate_id":"c1"}'), timestamp: 1 },
      { key: Buffer.from('v2'), value: Buffer.from('{"candidate_id":"c9"}'), timestamp: 2 },
    ]);
    await store.settle();
    expect(store.records('ENRICHED').map((r) => `${r.key?.toString()} ${r.value?.toString()}`)).toEqual([
      // Keyed by the join column; as in ksqlDB, a column only one side has keeps its name.
      'c1 {"VOTER_ID":"v1","CANDIDATE_NAME":"Avery"}',
      'c9 {"VOTER_ID":"v2","CANDIDATE_NAME":null}',
    ]);
    await engine.close();
  });
});

describe('EMIT FINAL', () => {
  it('emits one result per window once stream time passes its end plus grace', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({
      ksql: `CREATE STREAM S (K STRING KEY, V INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);
        CREATE TABLE T AS SELECT K, COUNT(*) AS N FROM S WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 0 SECONDS) GROUP BY K EMIT FINAL;`,
    });
    const rec = (ts: number) => ({ key: Buffer.from('a'), value: Buffer.from('{"v":1}'), timestamp: ts });
    await store.produce('s', [rec(1_000), rec(2_000), rec(9_000)]);
    await store.settle();
    expect(store.records('T')).toHaveLength(0);
    await store.produce('s', [rec(10_500)]);
    await store.settle();
    expect(store.records('T').map((r) => r.value?.toString())).toEqual(['{"N":3}']);
    await engine.close();
  });
});

describe('failure recovery', () => {
  it('restarts a failed query from its committed offsets with its state rebuilt (nothing counted twice)', async () => {
    const inner = new MemoryTopicStore();
    let failures = 0;
    const store = Object.assign(Object.create(inner) as MemoryTopicStore, {
      runProcessor: (
        opts: Parameters<MemoryTopicStore['runProcessor']>[0],
        handler: Parameters<MemoryTopicStore['runProcessor']>[1],
      ) =>
        inner.runProcessor(opts, {
          ...handler,
          flush: () => {
            const changelogs = handler.flush?.() ?? [];
            // The batch was computed (state updated in memory) but its commit fails once.
            if (opts.queryId.startsWith('CTAS_BALLOTS') && failures++ === 0)
              throw new Error('transaction aborted');
            return changelogs;
          },
        }),
    });
    const engine = await start(store);
    await engine.execute({ ksql: ELECTION_SQL });
    await inner.produce('votes_topic', [
      vote('v1', 'c1', 'OH', 30, 1_000),
      vote('v2', 'c1', 'OH', 30, 2_000),
    ]);
    await inner.settle();
    const core = engine as unknown as { queryMetrics(): { id: string; restarts: number; state: string }[] };
    await eventually(async () => {
      await inner.settle();
      expect(core.queryMetrics().find((q) => q.id === 'CTAS_BALLOTS_2')).toMatchObject({
        restarts: 1,
        state: 'RUNNING',
      });
      expect(await rows(engine, 'SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;')).toEqual([
        '["c1",2]',
      ]);
    });
    expect(await rows(engine, 'SELECT VOTER_ID, BALLOTS_RECEIVED FROM BALLOTS;')).toEqual([
      '["v1",1]',
      '["v2",1]',
    ]);
    await engine.close();
  });
});

describe('DROP … DELETE TOPIC', () => {
  it('terminates the writing query and deletes its sink and internal topics', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await engine.execute({ ksql: ELECTION_SQL });
    await expect(engine.execute({ ksql: 'DROP TABLE BALLOTS;' })).rejects.toThrow(/Cannot drop BALLOTS/);
    const dropped = await engine.execute({ ksql: 'DROP TABLE VOTES_OVER_TIME DELETE TOPIC;' });
    expect(dropped[0]).toMatchObject({
      commandId: 'table/VOTES_OVER_TIME/drop',
      commandStatus: { status: 'SUCCESS' },
    });
    const topics = (await store.listTopics()).map((t) => t.name);
    expect(topics.filter((t) => t.includes('VOTES_OVER_TIME'))).toEqual([]);
    await engine.close();
  });
});
