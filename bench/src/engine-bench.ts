import { createKafkaClient } from '@tally/kafka-client';
import { spawnService, startEngine, type TestEngine, uniqueName } from '@tally/testkit';
import { percentile } from './api/stats.js';
import type { Timing } from './engine/bare-consumer.js';
import { pidCpuMs } from './producers/cpu.js';
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
  /** Rounds of (bare consumer, exactly-once, at-least-once) measured (default 3). */
  rounds?: number;
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

/** Runs the bare consumer (the ceiling) in its own process, like the engine: see bare-consumer.ts. */
async function bareConsumer(brokers: string, topic: string, count: number): Promise<Timing> {
  const child = spawnService('bench/src/engine/bare-consumer.ts', [topic, String(count)], {
    KAFKA_BROKERS: brokers,
  });
  const code = await child.exited();
  const line = child
    .output()
    .split('\n')
    .find((l) => l.startsWith('{"ms"'));
  if (code !== 0 || line === undefined) throw new Error(`bare consumer failed (${code}):\n${child.output()}`);
  return JSON.parse(line) as Timing;
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

const median = (xs: number[]): number => percentile(xs, 50);

/** CPU microseconds per vote. */
function perVote(timing: Timing, votes: number): string {
  return `${((timing.cpuMs * 1000) / votes).toFixed(1)} µs`;
}

export async function runEngineBench(options: EngineBenchOptions): Promise<BenchSection[]> {
  const votes = options.votes ?? 1_000_000;
  const rounds = options.rounds ?? 3;
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'bench' });
  const admin = await kafka.admin();
  const topic = uniqueName('bench_votes');
  await admin.createTopics([{ topic, partitions: 1, config: { 'retention.ms': '-1' } }]);
  await produceVotes(kafka, topic, votes);

  // Both sides are measured warm (cold, the bare consumer read 30–40% slower): the bare consumer's
  // process makes an untimed pass first, the engine runs an untimed query over a smaller topic.
  const warmUpVotes = Math.min(votes, 200_000);
  const engine = await startEngine({ env: { KAFKA_BROKERS: options.brokers } });
  const warmUp = uniqueName('bench_warm_up');
  await admin.createTopics([{ topic: warmUp, partitions: 1 }]);
  await produceVotes(kafka, warmUp, warmUpVotes);
  await countWithEngine(engine, warmUp, 'exactly_once_v2', warmUpVotes);
  // Rounds of (bare, exactly-once, at-least-once), each engine run against its own round's
  // ceiling: the shared machine drifts by ±20% from minute to minute.
  const runs: { bare: Timing; eos: Timing; alos: Timing }[] = [];
  for (let round = 0; round < rounds; round++) {
    const bare = await bareConsumer(options.brokers, topic, votes);
    const eos = await countWithEngine(engine, topic, 'exactly_once_v2', votes);
    const alos = await countWithEngine(engine, topic, 'at_least_once', votes);
    runs.push({ bare, eos, alos });
  }
  await engine.stop();
  await admin.deleteTopics([topic, warmUp]).catch(() => undefined);
  await admin.close();

  const rate = (t: Timing) => (votes * 1000) / t.ms;
  const shares = (pick: (r: (typeof runs)[number]) => Timing) =>
    runs.map((r) => (100 * rate(pick(r))) / rate(r.bare));
  const eosShares = shares((r) => r.eos);
  const alosShares = shares((r) => r.alos);
  const listed = (xs: number[]) => xs.map((x) => `${x.toFixed(0)}%`).join(', ');
  const medianOf = (pick: (r: (typeof runs)[number]) => Timing): Timing => ({
    ms: median(runs.map((r) => pick(r).ms)),
    cpuMs: median(runs.map((r) => pick(r).cpuMs)),
  });
  const bare = medianOf((r) => r.bare);
  const eos = medianOf((r) => r.eos);
  const alos = medianOf((r) => r.alos);
  return [
    {
      title: 'Engine: COUNT(*) GROUP BY over votes already in the topic',
      command: 'npm run bench -- engine',
      rows: [
        {
          what: `bare kafkajs consumer, read + JSON.parse ${votes.toLocaleString('en-US')} votes (ceiling), median of ${rounds}`,
          value: `${perSecond(votes, bare.ms)} (${runs.map((r) => perSecond(votes, r.bare.ms)).join(', ')})`,
        },
        {
          what: `engine CTAS COUNT(*) GROUP BY, exactly_once_v2: median rate (share of its round's ceiling, by round)`,
          value: `${perSecond(votes, eos.ms)} (${listed(eosShares)}; median ${median(eosShares).toFixed(0)}%)`,
          aim: '≥ 70% of ceiling',
        },
        {
          what: "engine CTAS COUNT(*) GROUP BY, at_least_once: median rate (share of its round's ceiling, by round)",
          value: `${perSecond(votes, alos.ms)} (${listed(alosShares)}; median ${median(alosShares).toFixed(0)}%)`,
        },
        {
          what: 'CPU per vote, medians: bare consumer / engine exactly_once_v2 / engine at_least_once',
          value: `${perVote(bare, votes)} / ${perVote(eos, votes)} / ${perVote(alos, votes)}`,
        },
        {
          what: 'cost of exactly-once vs at-least-once (medians)',
          value: `${(100 * (1 - rate(eos) / rate(alos))).toFixed(0)}% slower`,
        },
      ],
      notes: [
        'Times run from the CREATE TABLE request until a pull query sums to the number of votes (includes query start-up). Both sides are measured warm: the bare consumer after an untimed pass over 200,000 votes, the engine (one process for all rounds) after an untimed query over 200,000 other votes.',
        "CPU per vote: user + system time of the consuming process (the bare consumer's own process, the engine process) over the run, divided by the votes; less sensitive to other load than the rates.",
        'The bare consumer runs in a fresh process of its own each round (bench/src/engine/bare-consumer.ts), as the engine does: inside the benchmark process its rate depended on what had run there before (up to 40%).',
      ],
    },
  ];
}
