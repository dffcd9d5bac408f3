import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaProducer } from '@tally/kafka-client';
import { eventually, startEngine, type TestEngine, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Dispatcher, http1Pool } from './http-client.js';

/**
 * One dataflow per engine on real Kafka, the engine as a real process: queries reading another
 * query's sink run fused to it (fed in-process, one consumer, one transaction per commit), and
 * clients see what ksqlDB shows — the same sink topics as queries run separately, TERMINATE of one
 * query, a query created after votes arrived, a SIGKILL between a shared transaction's records and
 * its commit.
 */

/** A small election over `votes` whose objects are named `<p>_…`. */
function electionSql(p: string, votes: string): string {
  return `
CREATE STREAM ${p}_VOTES (VOTER_ID STRING KEY, CANDIDATE_ID STRING, STATE STRING, GENDER STRING)
  WITH (KAFKA_TOPIC='${votes}', VALUE_FORMAT='JSON', PARTITIONS=2);
CREATE TABLE ${p}_BALLOTS WITH (KAFKA_TOPIC='${p}_BALLOTS') AS SELECT VOTER_ID,
  LATEST_BY_OFFSET(CANDIDATE_ID) AS CANDIDATE_ID, LATEST_BY_OFFSET(STATE) AS STATE,
  LATEST_BY_OFFSET(GENDER) AS GENDER, COUNT(*) AS BALLOTS_RECEIVED
  FROM ${p}_VOTES GROUP BY VOTER_ID EMIT CHANGES;
CREATE TABLE ${p}_PER_CANDIDATE WITH (KAFKA_TOPIC='${p}_PER_CANDIDATE', PARTITIONS=2) AS
  SELECT CANDIDATE_ID, COUNT(*) AS VOTES FROM ${p}_BALLOTS GROUP BY CANDIDATE_ID EMIT CHANGES;
CREATE TABLE ${p}_BY_STATE WITH (KAFKA_TOPIC='${p}_BY_STATE') AS
  SELECT STATE, COUNT(*) AS VOTES FROM ${p}_BALLOTS GROUP BY STATE EMIT CHANGES;
CREATE STREAM ${p}_BALLOT_CHANGES (VOTER_ID STRING KEY, CANDIDATE_ID STRING, STATE STRING, GENDER STRING,
  BALLOTS_RECEIVED BIGINT) WITH (KAFKA_TOPIC='${p}_BALLOTS', VALUE_FORMAT='JSON');
CREATE STREAM ${p}_FIRST WITH (KAFKA_TOPIC='${p}_FIRST') AS
  SELECT * FROM ${p}_BALLOT_CHANGES WHERE BALLOTS_RECEIVED = 1 EMIT CHANGES;
CREATE TABLE ${p}_OVER_TIME WITH (KAFKA_TOPIC='${p}_OVER_TIME') AS SELECT CANDIDATE_ID, COUNT(*) AS VOTES
  FROM ${p}_FIRST WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY CANDIDATE_ID EMIT CHANGES;`;
}

const SINKS = ['BALLOTS', 'PER_CANDIDATE', 'BY_STATE', 'FIRST', 'OVER_TIME'];
const candidates = ['c1', 'c2', 'c3'];
const states = ['OH', 'CA', 'NY'];
const genders = ['female', 'male'];

/** A minute boundary of today (records stamped 1970 would meet the broker's 7-day retention). */
const BASE = Math.floor(Date.now() / 60_000) * 60_000;

/** One vote; voter i votes for `candidate` at minute `minute` after BASE. */
function vote(voter: number, candidate: string, minute = 0) {
  const value = {
    candidate_id: candidate,
    state: states[voter % states.length],
    gender: genders[voter % genders.length],
  };
  return { key: `v${voter}`, value: JSON.stringify(value), timestamp: BASE + minute * 60_000 + voter };
}

/** Votes of voters [from, to): every third is sent twice, every fifth changes candidate once. */
function votesOf(from: number, to: number) {
  const records = [];
  for (let v = from; v < to; v++) {
    records.push(vote(v, candidates[v % 3]!, v % 2));
    if (v % 3 === 0) records.push(vote(v, candidates[v % 3]!, v % 2));
    if (v % 5 === 0) records.push(vote(v, candidates[(v + 1) % 3]!, v % 2));
  }
  return records;
}

/** The final candidate of each voter in [0, voters). */
function finalCandidate(v: number): string {
  return candidates[(v % 5 === 0 ? v + 1 : v) % 3]!;
}

function expectedPerCandidate(voters: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let v = 0; v < voters; v++) out[finalCandidate(v)] = (out[finalCandidate(v)] ?? 0) + 1;
  return out;
}

function expectedBy(voters: number, of: (v: number) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (let v = 0; v < voters; v++) out[of(v)] = (out[of(v)] ?? 0) + 1;
  return out;
}

/** The last value of each key of a topic (a table's final contents), or every record (a stream's). */
async function topicContents(topic: string, table: boolean): Promise<string[]> {
  const records = await testKafka().readTopic(topic);
  const entries = records.map((r) => `${r.key?.toString('hex')} ${r.value?.toString() ?? 'null'}`);
  if (!table) return entries.sort();
  const last = new Map<string, string>();
  for (const r of records) last.set(r.key?.toString('hex') ?? '', r.value?.toString() ?? 'null');
  return [...last].map(([k, v]) => `${k} ${v}`).sort();
}

let producer: KafkaProducer;
const engines: TestEngine[] = [];
const pools: Dispatcher[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  producer = await testKafka('dataflow-test').producer();
});
afterAll(async () => {
  if (process.env['DF_DEBUG']) for (const e of engines) console.log(e.process.output().slice(-30000));
  for (const e of engines) await e.stop('SIGKILL');
  for (const p of pools) await p.close();
  await producer?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function engineWith(env: Record<string, string> = {}) {
  const engine = await startEngine({
    env: { ENGINE_SNAPSHOT_INTERVAL_MS: '0', ENGINE_FUSE_QUERIES: 'true', ...env },
  });
  engines.push(engine);
  const pool = http1Pool(engine.url);
  pools.push(pool);
  const ksql = async (statement: string, props: Record<string, string> = {}) => {
    const reply = await call(pool, 'POST', '/ksql', {
      ksql: statement,
      streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest', ...props },
    });
    expect(reply.status, reply.text).toBe(200);
    return JSON.parse(reply.text) as { commandStatus?: { queryId?: string | null } }[];
  };
  /** `SELECT k, v FROM table` as an object. */
  const totals = async (table: string, key: string, value: string): Promise<Record<string, number>> => {
    const reply = await call(pool, 'POST', '/query-stream', {
      sql: `SELECT ${key}, ${value} FROM ${table};`,
    });
    expect(reply.status, reply.text).toBe(200);
    const [, ...rows] = reply.text.trim().split('\n');
    return Object.fromEntries(rows.map((line) => JSON.parse(line) as [string, number]));
  };
  /** The sum of VOTES over every window of a windowed table. */
  const windowedSum = async (table: string): Promise<number> => {
    const reply = await call(pool, 'POST', '/query-stream', { sql: `SELECT VOTES FROM ${table};` });
    expect(reply.status, reply.text).toBe(200);
    const [, ...rows] = reply.text.trim().split('\n');
    return rows.map((line) => (JSON.parse(line) as [number])[0]).reduce((a, b) => a + b, 0);
  };
  /** Query id → the root query of the dataflow running it (`/metrics`). */
  const dataflows = async (): Promise<Record<string, string>> => {
    const reply = await call(pool, 'GET', '/metrics');
    const out: Record<string, string> = {};
    for (const m of reply.text.matchAll(
      /tally_engine_query_dataflow\{query_id="([^"]+)",dataflow="([^"]+)"\} 1/g,
    ))
      out[m[1]!] = m[2]!;
    return out;
  };
  return { engine, pool, ksql, totals, windowedSum, dataflows };
}

const queryIds = (entities: { commandStatus?: { queryId?: string | null } }[]) =>
  entities.map((e) => e.commandStatus?.queryId).filter((id): id is string => typeof id === 'string');

/**
 * Re-forming a dataflow stops its consumer and starts another in the same group; right after a
 * rapid series of CREATEs the broker can keep the old member until its session times out (30 s),
 * holding one partition back (seen under load: about half the votes counted for ≈30 s). That is a
 * latency bug of opt-in fusion, not a loss: these checks wait long enough to see the exact result.
 */
const SLOW = { timeoutMs: 120_000 };
const eventuallySlow = <T>(check: () => Promise<T>) => eventually(check, SLOW);

describe('one dataflow per engine', { timeout: 600_000 }, () => {
  const votes = uniqueName('df_votes');
  const fused = uniqueName('DF').toUpperCase();
  const separate = uniqueName('SEP').toUpperCase();
  let e: Awaited<ReturnType<typeof engineWith>>;
  let fusedIds: string[];
  let separateIds: string[];

  beforeAll(async () => {
    e = await engineWith();
    fusedIds = queryIds(await e.ksql(electionSql(fused, votes)));
    separateIds = queryIds(await e.ksql(electionSql(separate, votes), { 'tally.dataflow.fuse': 'false' }));
    await producer.send([{ topic: votes, records: votesOf(0, 150) }]);
  });

  it('fuses the queries reading a sink into its dataflow; the sink topics hold what separate queries write', async () => {
    const [ballots, perCandidate, byState, first, overTime] = fusedIds;
    expect(await e.dataflows()).toMatchObject({
      [ballots!]: ballots,
      [perCandidate!]: ballots,
      [byState!]: ballots,
      [first!]: ballots,
      [overTime!]: ballots,
      ...Object.fromEntries(separateIds.map((id) => [id, id])),
    });
    for (const p of [fused, separate]) {
      await eventuallySlow(async () => {
        expect(await e.totals(`${p}_PER_CANDIDATE`, 'CANDIDATE_ID', 'VOTES')).toEqual(
          expectedPerCandidate(150),
        );
        expect(await e.totals(`${p}_BY_STATE`, 'STATE', 'VOTES')).toEqual(
          expectedBy(150, (v) => states[v % 3]!),
        );
        expect(await e.windowedSum(`${p}_OVER_TIME`)).toBe(150);
      });
    }
    // Pull queries read the state as computed; the topics hold it once committed.
    await eventuallySlow(async () => {
      for (const sink of SINKS) {
        const table = sink !== 'FIRST';
        expect(await topicContents(`${fused}_${sink}`, table), sink).toEqual(
          await topicContents(`${separate}_${sink}`, table),
        );
      }
    });
    // Each fused query's consumer group shows its true position on the sink it reads: its end.
    const admin = await testKafka().admin();
    try {
      const group = `_confluent-ksql-${e.engine.serviceId}query_${perCandidate}`;
      await eventuallySlow(async () => {
        const committed = await admin.committedOffsets(group, [`${fused}_BALLOTS`]);
        const ends = await admin.topicOffsets(`${fused}_BALLOTS`);
        expect(committed.map((c) => [c.partition, c.offset]).sort()).toEqual(
          ends.map((o) => [o.partition, o.high]).sort(),
        );
      });
    } finally {
      await admin.close();
    }
  });

  it('a query created after the votes arrived catches up on its source, then shares the dataflow', async () => {
    const [ballots] = fusedIds;
    const [byGender] = queryIds(
      await e.ksql(
        `CREATE TABLE ${fused}_BY_GENDER AS SELECT GENDER, COUNT(*) AS VOTES FROM ${fused}_BALLOTS GROUP BY GENDER EMIT CHANGES;`,
      ),
    );
    await eventuallySlow(async () =>
      expect(await e.totals(`${fused}_BY_GENDER`, 'GENDER', 'VOTES')).toEqual(
        expectedBy(150, (v) => genders[v % 2]!),
      ),
    );
    expect((await e.dataflows())[byGender!]).toBe(ballots);
    await producer.send([{ topic: votes, records: votesOf(150, 200) }]);
    await eventuallySlow(async () => {
      expect(await e.totals(`${fused}_BY_GENDER`, 'GENDER', 'VOTES')).toEqual(
        expectedBy(200, (v) => genders[v % 2]!),
      );
      expect(await e.totals(`${fused}_PER_CANDIDATE`, 'CANDIDATE_ID', 'VOTES')).toEqual(
        expectedPerCandidate(200),
      );
    });
  });

  it('TERMINATE of one fused query leaves the others of its dataflow running', async () => {
    const [ballots, perCandidate, byState, first, overTime] = fusedIds;
    await e.ksql(`TERMINATE ${byState};`);
    const flows = await e.dataflows();
    expect(flows[byState!]).toBeUndefined();
    expect(flows).toMatchObject({ [perCandidate!]: ballots, [first!]: ballots, [overTime!]: ballots });
    const shown = await call(e.pool, 'POST', '/ksql', { ksql: 'SHOW QUERIES;' });
    expect(shown.text).not.toContain(`"${byState}"`);
    expect(shown.text).toContain(`"${perCandidate}"`);
    await producer.send([{ topic: votes, records: votesOf(200, 260) }]);
    await eventuallySlow(async () => {
      expect(await e.totals(`${fused}_PER_CANDIDATE`, 'CANDIDATE_ID', 'VOTES')).toEqual(
        expectedPerCandidate(260),
      );
      expect(await e.windowedSum(`${fused}_OVER_TIME`)).toBe(260);
    });
  });
});

describe('a SIGKILL between the records and the commit of a shared transaction', { timeout: 600_000 }, () => {
  it('loses nothing and counts nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-dataflow-kill-'));
    dirs.push(dir);
    const once = join(dir, 'killed');
    const p = uniqueName('KILL').toUpperCase();
    const votes = uniqueName('kill_votes');
    const fixture = join(import.meta.dirname, 'fixtures', 'kill-before-commit.mjs');
    const e = await engineWith({
      NODE_OPTIONS: `--import ${fixture}`,
      TALLY_TEST_KILL_TOPIC: `${p}_OVER_TIME`,
      TALLY_TEST_KILL_AT: '3',
      TALLY_TEST_KILL_ONCE_FILE: once,
    });
    await e.ksql(electionSql(p, votes));
    for (let from = 0; from < 300 && !existsSync(once); from += 30) {
      await producer.send([{ topic: votes, records: votesOf(from, from + 30) }]);
      await eventually(
        async () => {
          const counted = await e.windowedSum(`${p}_OVER_TIME`).catch(() => -1);
          expect(existsSync(once) || counted === from + 30).toBe(true);
        },
        { timeoutMs: 60_000 },
      );
    }
    expect(existsSync(once)).toBe(true);
    await e.engine.process.exited();
    await e.engine.restart();
    await producer.send([{ topic: votes, records: votesOf(0, 300) }]);
    await eventually(
      async () => {
        expect(await e.totals(`${p}_PER_CANDIDATE`, 'CANDIDATE_ID', 'VOTES')).toEqual(
          expectedPerCandidate(300),
        );
        expect(await e.totals(`${p}_BY_STATE`, 'STATE', 'VOTES')).toEqual(
          expectedBy(300, (v) => states[v % 3]!),
        );
        expect(await e.windowedSum(`${p}_OVER_TIME`)).toBe(300);
      },
      { timeoutMs: 90_000 },
    );
    // Pull queries read the state as computed; the topics hold it once committed.
    await eventually(async () => {
      const first = await testKafka().readTopic(`${p}_FIRST`);
      expect(new Set(first.map((r) => r.key?.toString())).size).toBe(300);
      expect(first.length).toBe(300);
    });
  });
});
