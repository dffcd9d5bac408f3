import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import type { KafkaAdmin } from '@tally/kafka-client';
import { eventually, startEngine, type TestEngine, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type Dispatcher, http1Pool } from '../integration/http-client.js';
import { Progress, planChaos, runChaos } from './chaos.js';
import { queryProgress } from './diagnostics.js';
import { applyElectionMigrations, keyed, pull, queries } from './election-http.js';
import { diffTable, expectedTables, TABLE_QUERIES } from './expected.js';
import { matchProcessingLog } from './processing-log.js';
import { planVotes, prng, type VoteRecord } from './votes.js';

/**
 * Issue 4, engine durability: the election on the engine as a real process over real Kafka
 * (exactly_once_v2, the default), 200,000 votes (re-sends and changed votes among them) and 1,000
 * malformed records produced while the engine is SIGKILLed and restarted six times. Afterwards every
 * live table must equal what the input alone dictates — nothing lost, nothing counted twice — and
 * the processing log must hold exactly one entry per malformed record. CHAOS_SEED=<n> replays a run.
 * It takes 3–5 minutes on a busy 2-core machine (most of it the engine working through the votes).
 */
const seed = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const logger = createLogger('chaos-test', { level: 'info' });

const VOTES = 200_000;
const VOTERS = 50_000;
const MALFORMED = 1_000;
const BATCH = 500;
/**
 * SIGKILLs while the votes are produced, and at points of the engine's progress (one more right
 * after the second of those): 2 + 3 + 1 (CHAOS_KILLS=during,progress changes it when debugging).
 */
const [KILLS_DURING, KILLS_PROGRESS] = (process.env['CHAOS_KILLS'] ?? '2,3').split(',').map(Number) as [
  number,
  number,
];

let engine: TestEngine | undefined;
let http: Dispatcher | undefined;
let admin: KafkaAdmin | undefined;

afterAll(async () => {
  await admin?.close();
  await http?.close();
  await engine?.stop('SIGKILL');
});

async function produce(topic: string, records: VoteRecord[], progress: Progress): Promise<void> {
  const producer = await testKafka('chaos-votes').producer();
  try {
    for (let from = 0; from < records.length; from += BATCH) {
      const batch = records.slice(from, from + BATCH);
      await producer.send([
        { topic, records: batch.map(({ key, value, timestamp }) => ({ key, value, timestamp })) },
      ]);
      progress.advance(from + batch.length);
    }
  } finally {
    await producer.close();
  }
}

describe('engine durability under SIGKILL (exactly_once_v2)', () => {
  it('counts every vote exactly once and logs every malformed record exactly once', async () => {
    logger.info({ seed }, 'chaos test seed (CHAOS_SEED replays it)');
    const random = prng(seed ^ 0x5eed);
    const plan = planVotes({
      seed,
      votes: VOTES,
      voters: VOTERS,
      malformed: MALFORMED,
      revoteShare: 0.03,
      startMs: Date.now() - 30 * 60_000,
      spanMs: 25 * 60_000,
    });
    const expected = expectedTables(plan.records);
    const topics = {
      voters_topic: uniqueName('chaos_voters'),
      votes_topic: uniqueName('chaos_votes'),
      topic_prefix: `${uniqueName('chaos')}_`,
    };
    engine = await startEngine({ readyTimeoutMs: 120_000 });
    http = http1Pool(engine.url);
    await applyElectionMigrations(http, topics);

    const running = await queries(http);
    const ballots = running.find((q) => q.sinks.includes('BALLOTS'))!.id;
    admin = await testKafka('chaos-progress').admin();
    const ballotsGroup = `_confluent-ksql-${engine.serviceId}query_${ballots}`;
    const processed = async () =>
      (await admin!.committedOffsets(ballotsGroup, [topics.votes_topic])).reduce(
        (sum, o) => sum + Math.max(0, o.offset),
        0,
      );

    const started = Date.now();
    const progress = new Progress();
    const lives: string[] = [];
    const kills = planChaos(random, plan.records.length, KILLS_DURING, KILLS_PROGRESS);
    const chaos = runChaos({ engine, kills, progress, processed, logger, lives });
    await produce(topics.votes_topic, plan.records, progress);
    logger.info({ records: plan.records.length, ms: Date.now() - started }, 'all votes produced');
    expect(await chaos).toBe(kills.length);
    expect(kills.length).toBeGreaterThanOrEqual(5);

    // The input is exactly the plan, so offsets are positions in it.
    const kafka = testKafka('chaos-check');
    const input = await kafka.readTopic(topics.votes_topic, { timeoutMs: 120_000 });
    expect(input.length).toBe(plan.records.length);
    const misplaced = input.filter(
      (r, i) =>
        r.offset !== i ||
        (r.key?.toString() ?? null) !== plan.records[i]!.key ||
        r.value?.toString() !== plan.records[i]!.value,
    );
    expect(misplaced.map((r) => r.offset)).toEqual([]);

    // Every live table settles on exactly the totals the input dictates.
    const inputs = Object.fromEntries(
      running.map((q) => [
        q.id,
        q.sinks.includes('BALLOTS')
          ? topics.votes_topic
          : q.sinks.includes('VOTES_OVER_TIME')
            ? `${topics.topic_prefix}FIRST_BALLOTS`
            : `${topics.topic_prefix}BALLOTS`,
      ]),
    );
    let lastReport = Date.now();
    await eventually(
      async () => {
        if (Date.now() - lastReport > 20_000) {
          lastReport = Date.now();
          logger.info(await queryProgress(http!, engine!, inputs), 'waiting for the tables to settle');
        }
        for (const [table, query] of Object.entries(TABLE_QUERIES)) {
          const rows = keyed(await pull(http!, query.sql), query.keyColumns);
          expect(diffTable(table, rows, expected[table]!)).toEqual([]);
        }
      },
      { timeoutMs: 420_000, intervalMs: 2_000 },
    ).catch(async (error: unknown) => {
      const file = join(tmpdir(), `chaos-engine-${seed}-${Date.now()}.log`);
      writeFileSync(file, [...lives, engine!.process.output()].join('\n---- SIGKILL ----\n'));
      logger.error(
        { queries: await queryProgress(http!, engine!, inputs), engineOutput: file },
        'the tables did not settle',
      );
      throw error;
    });
    logger.info(
      { ms: Date.now() - started, queries: await queryProgress(http, engine, inputs) },
      'live tables settled on the expected totals',
    );
    expect((await queries(http)).filter((q) => q.state !== 'RUNNING')).toEqual([]);

    // The processing log holds each malformed record exactly once, all from the query over VOTES.
    const malformed = plan.records.flatMap((r, offset) => (r.kind === 'vote' ? [] : [offset]));
    expect(malformed).toHaveLength(MALFORMED);
    const logTopic = `${engine.serviceId}ksql_processing_log`;
    await eventually(
      async () => {
        const log = await kafka.readTopic(logTopic, { readCommitted: true, timeoutMs: 60_000 });
        const match = matchProcessingLog(log, plan.records, topics.votes_topic);
        expect(match.unmatched.slice(0, 5)).toEqual([]);
        const twice = [...match.entriesPerOffset].filter(([, n]) => n !== 1);
        expect(twice.slice(0, 10)).toEqual([]);
        const missing = malformed.filter((offset) => !match.entriesPerOffset.has(offset));
        expect(missing.slice(0, 10).map((offset) => ({ offset, kind: plan.records[offset]!.kind }))).toEqual(
          [],
        );
        expect([...match.loggers].filter((l) => !l.startsWith(`processing.${ballots}.`))).toEqual([]);
        expect(log).toHaveLength(MALFORMED);
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    logger.info({ ms: Date.now() - started }, 'processing log holds exactly the malformed records');
  }, 900_000);
});
