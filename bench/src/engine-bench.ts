import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClient } from '@tally/kafka-client';
import { startEngine, type TestEngine, uniqueName } from '@tally/testkit';
import { ownCpuMs, pidCpuMs } from './producers/cpu.js';
import { type BenchSection, perSecond } from './report.js';
import { produceVotes } from './vote-fixtures.js';

/**
 * The engine's throughput on the election's core query — `CREATE TABLE … AS SELECT … COUNT(*) …
 * GROUP BY` over votes already in the topic — beside the ceiling of any Node consumer (a bare
 * kafkajs consumer that only reads and parses), under exactly-once and at-least-once. (The restart
 * benchmark is engine-restart-bench.ts.)
 */
export interface EngineBenchOptions {
  brokers: string;
  votes?: number;
}

async function ksql(
  url: string,
  statement: string,
  properties: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(`${url}/ksql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/vnd.ksql.v1+json' },
    body: JSON.stringify({ ksql: statement, streamsProperties: properties }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${statement}: ${JSON.stringify(body)}`);
  return body;
}

async function pullSum(url: string, table: string, column: string): Promise<number> {
  const response = await fetch(`${url}/query-stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/vnd.ksqlapi.delimited.v1' },
    body: JSON.stringify({ sql: `SELECT ${column} FROM ${table};` }),
  });
  if (!response.ok) return -1;
  const lines = (await response.text()).trim().split('\n').slice(1);
  return lines.reduce((sum, line) => sum + Number((JSON.parse(line) as unknown[])[0]), 0);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Wall and CPU milliseconds of one measured run. */
interface Timing {
  ms: number;
  cpuMs: number;
}

/** Reads and JSON-parses the whole topic with one consumer: the ceiling for a Node consumer. */
async function bareConsumer(kafka: KafkaClient, topic: string, count: number): Promise<Timing> {
  const consumer = kafka.consumer({
    groupId: `bench-bare-${randomUUID()}`,
    fromBeginning: true,
    maxBytes: 16 * 2 ** 20,
  });
  const start = performance.now();
  const cpuStart = ownCpuMs();
  let seen = 0;
  await consumer.subscribe([topic]);
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async (batch) => {
          for (const record of batch.records) JSON.parse(record.value!.toString());
          seen += batch.records.length;
          if (seen >= count) resolve();
        },
      })
      .catch(reject);
  });
  const timing = { ms: performance.now() - start, cpuMs: ownCpuMs() - cpuStart };
  await consumer.close();
  return timing;
}

async function countWithEngine(
  engine: TestEngine,
  source: string,
  guarantee: string,
  count: number,
): Promise<Timing> {
  const url = engine.url;
  const stream = uniqueName('BENCH_VOTES').toUpperCase();
  const table = `${stream}_TOTALS`;
  await ksql(
    url,
    `CREATE STREAM ${stream} (VOTER_ID STRING KEY, CANDIDATE_ID STRING, ADDRESS STRUCT<STATE STRING>) WITH (KAFKA_TOPIC='${source}', VALUE_FORMAT='JSON');`,
  );
  const start = performance.now();
  const cpuStart = pidCpuMs(engine.process.child.pid);
  await ksql(
    url,
    `CREATE TABLE ${table} AS SELECT CANDIDATE_ID, COUNT(*) AS VOTES FROM ${stream} GROUP BY CANDIDATE_ID EMIT CHANGES;`,
    { 'auto.offset.reset': 'earliest', 'processing.guarantee': guarantee },
  );
  await waitFor(async () => (await pullSum(url, table, 'VOTES')) >= count, 600_000);
  return { ms: performance.now() - start, cpuMs: pidCpuMs(engine.process.child.pid) - cpuStart };
}

/** CPU microseconds per vote. */
function perVote(timing: Timing, votes: number): string {
  return `${((timing.cpuMs * 1000) / votes).toFixed(1)} µs`;
}

export async function runEngineBench(options: EngineBenchOptions): Promise<BenchSection[]> {
  const votes = options.votes ?? 1_000_000;
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'bench' });
  const admin = await kafka.admin();
  const topic = uniqueName('bench_votes');
  await admin.createTopics([{ topic, partitions: 1, config: { 'retention.ms': '-1' } }]);
  await produceVotes(kafka, topic, votes);

  // The ceiling is read warm (a first, untimed pass compiles kafkajs's decoder and collects the
  // producing's garbage: cold, it read 30–40% slower), before and after the engine runs, and
  // averaged: a shared machine drifts.
  await bareConsumer(kafka, topic, Math.min(votes, 200_000));
  const bareBefore = await bareConsumer(kafka, topic, votes);
  const engine = await startEngine({ env: { KAFKA_BROKERS: options.brokers } });
  const eos = await countWithEngine(engine, topic, 'exactly_once_v2', votes);
  const alos = await countWithEngine(engine, topic, 'at_least_once', votes);
  await engine.stop();
  const bareAfter = await bareConsumer(kafka, topic, votes);
  const bare = { ms: (bareBefore.ms + bareAfter.ms) / 2, cpuMs: (bareBefore.cpuMs + bareAfter.cpuMs) / 2 };
  await admin.deleteTopics([topic]).catch(() => undefined);
  await admin.close();

  const bareMs = bare.ms;
  const eosMs = eos.ms;
  const alosMs = alos.ms;
  const ceiling = (votes * 1000) / bareMs;
  const eosRate = (votes * 1000) / eosMs;
  const alosRate = (votes * 1000) / alosMs;
  return [
    {
      title: 'Engine: COUNT(*) GROUP BY over votes already in the topic',
      command: 'npm run bench -- engine',
      rows: [
        {
          what: `bare kafkajs consumer, read + JSON.parse ${votes.toLocaleString('en-US')} votes (ceiling: mean of a warm run before and one after the engine's)`,
          value: `${perSecond(votes, bareMs)} (${perSecond(votes, bareBefore.ms)} / ${perSecond(votes, bareAfter.ms)})`,
        },
        {
          what: 'engine CTAS COUNT(*) GROUP BY, exactly_once_v2',
          value: `${perSecond(votes, eosMs)} (${((100 * eosRate) / ceiling).toFixed(0)}% of ceiling)`,
          aim: '≥ 70% of ceiling',
        },
        {
          what: 'engine CTAS COUNT(*) GROUP BY, at_least_once',
          value: `${perSecond(votes, alosMs)} (${((100 * alosRate) / ceiling).toFixed(0)}% of ceiling)`,
        },
        {
          what: 'CPU per vote: bare consumer / engine exactly_once_v2 / engine at_least_once',
          value: `${perVote(bare, votes)} / ${perVote(eos, votes)} / ${perVote(alos, votes)}`,
        },
        {
          what: 'cost of exactly-once vs at-least-once',
          value: `${(100 * (1 - eosRate / alosRate)).toFixed(0)}% slower`,
        },
      ],
      notes: [
        'Times run from the CREATE TABLE request until a pull query sums to the number of votes (includes query start-up).',
        'CPU per vote: user + system time of the consuming process (the bench process for the bare consumer, the engine process for the engine) over the run, divided by the votes; less sensitive to other load than the rates.',
      ],
    },
  ];
}
