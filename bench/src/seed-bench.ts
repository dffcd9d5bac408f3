import { cpus, loadavg } from 'node:os';
import { createKafkaClient } from '@tally/kafka-client';
import {
  buildVoterPools,
  createKafkaBatcher,
  createVoterContext,
  generateVoter,
  seed,
  seedHash,
  voterCopyRow,
  voterJson,
} from '@tally/producers';
import { createProducerBenchEnv, isMain, seconds, thousands } from './producers/bench-env.js';
import { ownCpuMs, processCpuMs } from './producers/cpu.js';
import { type BenchSection, perSecond, renderSection } from './report.js';

export interface SeedBenchOptions {
  brokers?: string;
  /** Voters to seed (default 1,000,000). */
  voters?: number;
}

/** How long seeding took and where the time went. */
export interface SeedBenchResult {
  voters: number;
  /** Wall time of `seed()`: PostgreSQL COPY and Kafka publishing of every voter. */
  totalMs: number;
  votersPerSecond: number;
  /** Generating voters alone (pools, PRNG, JSON and COPY text), in this process, without sinks. */
  generateOnlyMs: number;
  /** Publishing alone, on a sample of at most 200,000 voters: kafkajs CPU per voter (µs). */
  kafkaCpuPerVoterUs: number;
  /** Time PostgreSQL loading was busy during the run (overlaps Kafka). */
  postgresMs: number;
  /** CPU time this process used during the run (user + system, both threads). */
  cpuMs: number;
  /** CPU time PostgreSQL and the broker used during the run. */
  postgresCpuMs: number;
  brokerCpuMs: number;
  section: BenchSection;
  markdown(): string;
}

/** Generates `voters` voters and their two serialisations with no I/O: the generator's own cost. */
function generateOnly(voters: number): number {
  const started = performance.now();
  const hash = seedHash('bench');
  const context = createVoterContext(hash, buildVoterPools(hash), new Date('2026-11-03T00:00:00Z'));
  let bytes = 0;
  for (let i = 0; i < voters; i++) {
    const voter = generateVoter(context, i);
    bytes += voterJson(voter).length + voterCopyRow(voter).length;
  }
  if (bytes === 0) throw new Error('nothing generated');
  return performance.now() - started;
}

/**
 * Publishes `count` voter records (generated beforehand) to a fresh topic the way the seed does,
 * and returns the CPU and wall time of publishing alone: the kafkajs share of a seeding run.
 */
async function publishOnly(
  brokers: string,
  topic: string,
  count: number,
): Promise<{ wallMs: number; cpuMs: number }> {
  const hash = seedHash('bench');
  const context = createVoterContext(hash, buildVoterPools(hash), new Date('2026-11-03T00:00:00Z'));
  const records = Array.from({ length: count }, (_, i) => {
    const voter = generateVoter(context, i);
    return { key: voter.voter_id, value: voterJson(voter), partition: 0 };
  });
  const kafka = createKafkaClient({ brokers, clientId: 'seed-bench' });
  const admin = await kafka.admin();
  await admin.createTopics([{ topic, partitions: 1 }]);
  const producer = await kafka.producer({ idempotent: false });
  try {
    const cpu = ownCpuMs();
    const started = performance.now();
    const batcher = createKafkaBatcher(producer, topic);
    await batcher.publish(records);
    await batcher.flush();
    return { wallMs: performance.now() - started, cpuMs: ownCpuMs() - cpu };
  } finally {
    await producer.close();
    await admin.deleteTopics([topic]).catch(() => undefined);
    await admin.close();
  }
}

/**
 * Seeds `voters` voters (default 1,000,000) into a database and topics of its own on the local
 * PostgreSQL and Kafka, and measures the run; then the generator alone, to split CPU from I/O.
 */
export async function runSeedBench(options: SeedBenchOptions = {}): Promise<SeedBenchResult> {
  const voters = options.voters ?? 1_000_000;
  const env = await createProducerBenchEnv('seed', options.brokers);
  try {
    const cpuBefore = process.cpuUsage();
    const pgCpuBefore = processCpuMs('postgres');
    const javaCpuBefore = processCpuMs('java');
    const result = await seed({
      voters,
      seed: 'bench',
      brokers: env.brokers,
      databaseUrl: env.db.url,
      topics: env.topics,
      logger: env.logger,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpuMs = processCpuMs('postgres') - pgCpuBefore;
    const javaCpuMs = processCpuMs('java') - javaCpuBefore;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const generateOnlyMs = generateOnly(voters);
    const sample = Math.min(voters, 200_000);
    const kafkaOnly = await publishOnly(env.brokers, `${env.topics.voters}_publish_only`, sample);
    const perVoter = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(0)} µs/voter`;
    const section: BenchSection = {
      title: 'Seeding voters',
      command: `node --conditions=source --import tsx bench/src/seed-bench.ts ${voters}`,
      rows: [
        { what: 'voters (+ 3 candidates), PostgreSQL COPY + voters_topic', value: thousands(voters) },
        { what: 'wall time', value: seconds(result.durationMs), aim: voters === 1_000_000 ? '< 30 s' : '' },
        { what: 'voters/s', value: perSecond(voters, result.durationMs) },
        { what: 'generation alone (no I/O): pools, PRNG, JSON, COPY text', value: seconds(generateOnlyMs) },
        {
          what: `Kafka publishing alone (kafkajs, ${thousands(sample)} voters, CPU)`,
          value: `${perVoter(kafkaOnly.cpuMs, sample)} (${perSecond(sample, kafkaOnly.wallMs)})`,
        },
        { what: 'PostgreSQL COPY busy time (overlaps Kafka)', value: seconds(result.postgresMs) },
        { what: 'CPU: seed process, both threads (generation, kafkajs encoding, GC)', value: seconds(cpuMs) },
        { what: 'CPU: PostgreSQL (all backends: COPY, indexes, WAL)', value: seconds(pgCpuMs) },
        { what: 'CPU: Kafka broker (JVM)', value: seconds(javaCpuMs) },
      ],
      notes: [
        `Load average (1 min) at the end of the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores shared with other work.`,
        'Chunks of 25,000 voters, generated once on a loader thread (COPY rows + JSON) and COPYed into `voters` (straight in when the table was empty, else through a temporary table and `INSERT … ON CONFLICT DO NOTHING`); the main thread publishes a chunk to `voters_topic` (requests ≤ 900 kB, 4 in flight) only after its rows are committed. CPU figures come from /proc and count every user of the shared PostgreSQL and broker.',
      ],
    };
    return {
      voters,
      totalMs: result.durationMs,
      votersPerSecond: (voters * 1000) / result.durationMs,
      generateOnlyMs,
      kafkaCpuPerVoterUs: (kafkaOnly.cpuMs * 1000) / sample,
      postgresMs: result.postgresMs,
      cpuMs,
      postgresCpuMs: pgCpuMs,
      brokerCpuMs: javaCpuMs,
      section,
      markdown: () => renderSection(section),
    };
  } finally {
    await env.dispose();
  }
}

if (isMain(import.meta.url)) {
  const voters = Number(process.argv[2] ?? 1_000_000);
  const result = await runSeedBench({ voters });
  process.stdout.write(`${result.markdown()}\n`);
}
