import { cpus, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { runVoteProducer, seed, type VoteTimings } from '@tally/producers';
import { createProducerBenchEnv, isMain, seconds, thousands } from './producers/bench-env.js';
import { ownCpuMs, processCpuMs } from './producers/cpu.js';
import { type BenchSection, perSecond, renderSection } from './report.js';

export interface VoteBenchOptions {
  brokers?: string;
  /** Voters seeded, then voted (default 200,000). */
  voters?: number;
}

/** The vote producer's sustained rate on voters already waiting in `voters_topic`. */
export interface VoteBenchResult {
  voters: number;
  /** From the producer's start to the last vote published (includes connecting, the group join). */
  totalMs: number;
  /** From the first vote published to the last. */
  sustainedMs: number;
  votesPerSecond: number;
  timings: VoteTimings;
  /** CPU used during the run by the producer, PostgreSQL and the broker (ms). */
  cpu: { producerMs: number; postgresMs: number; brokerMs: number };
  section: BenchSection;
  markdown(): string;
}

/**
 * Seeds `voters` voters into a database and topics of its own, then starts the vote producer
 * and measures how fast every voter gets a stored and published vote.
 */
export async function runVoteBench(options: VoteBenchOptions = {}): Promise<VoteBenchResult> {
  const voters = options.voters ?? 200_000;
  const env = await createProducerBenchEnv('vote', options.brokers);
  try {
    const common = { brokers: env.brokers, databaseUrl: env.db.url, topics: env.topics, logger: env.logger };
    await seed({ ...common, voters, seed: 'bench' });
    const started = performance.now();
    const nodeCpuBefore = ownCpuMs();
    const pgCpuBefore = processCpuMs('postgres');
    const javaCpuBefore = processCpuMs('java');
    const handle = await runVoteProducer({
      ...common,
      groupId: `${env.topics.voters}_group`,
      statsIntervalMs: 0,
    });
    let firstAt = 0;
    let firstCount = 0;
    while (handle.counters.published < voters) {
      if (firstAt === 0 && handle.counters.published > 0) {
        firstAt = performance.now();
        firstCount = handle.counters.published;
      }
      await Promise.race([delay(10), handle.failed]);
    }
    const doneAt = performance.now();
    const nodeCpuMs = ownCpuMs() - nodeCpuBefore;
    const pgCpuMs = processCpuMs('postgres') - pgCpuBefore;
    const javaCpuMs = processCpuMs('java') - javaCpuBefore;
    await handle.stop();
    const perVote = (ms: number) => `${Math.round((ms * 1000) / voters)} µs`;
    const sustainedMs = doneAt - firstAt;
    const votesPerSecond = ((voters - firstCount) * 1000) / sustainedMs;
    const t = handle.timings;
    const section: BenchSection = {
      title: 'Vote producer',
      command: `node --conditions=source --import tsx bench/src/vote-bench.ts ${voters}`,
      rows: [
        { what: 'voters waiting in voters_topic', value: thousands(voters) },
        {
          what: 'sustained votes/s (stored, published, marked, committed)',
          value: perSecond(voters - firstCount, sustainedMs),
          aim: '> 50,000/s',
        },
        { what: 'start to last vote published', value: seconds(doneAt - started) },
        { what: 'CPU per vote: vote producer (Node: kafkajs, JSON, pg)', value: perVote(nodeCpuMs) },
        { what: 'CPU per vote: PostgreSQL (all backends)', value: perVote(pgCpuMs) },
        { what: 'CPU per vote: Kafka broker (JVM)', value: perVote(javaCpuMs) },
        { what: 'PostgreSQL insert + read-back (busy time)', value: seconds(t.storeMs) },
        { what: 'Kafka acknowledgement of votes (busy time, overlapping)', value: seconds(t.publishMs) },
        { what: 'published_at marks (busy time, overlapping)', value: seconds(t.markMs) },
        { what: 'offset commits (busy time)', value: seconds(t.commitMs) },
        { what: 'parsing + candidate choice (CPU)', value: seconds(t.parseMs) },
      ],
      notes: [
        `Load average (1 min) at the end of the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores shared with other work.`,
        'Per slice of ≤ 5,000 voter records: one statement looks the voters up, inserts with `ON CONFLICT (voter_id) DO NOTHING` (foreign-key checks per row) and renders the enriched votes (`row_to_json`) from the stored rows; they are published, marked `published_at`, then the offsets committed; 4 slices in flight. CPU per vote is measured from /proc and counts every user of the shared PostgreSQL and broker: read it on a quiet machine.',
      ],
    };
    return {
      voters,
      totalMs: doneAt - started,
      sustainedMs,
      votesPerSecond,
      timings: { ...t },
      cpu: { producerMs: nodeCpuMs, postgresMs: pgCpuMs, brokerMs: javaCpuMs },
      section,
      markdown: () => renderSection(section),
    };
  } finally {
    await env.dispose();
  }
}

if (isMain(import.meta.url)) {
  const voters = Number(process.argv[2] ?? 200_000);
  const result = await runVoteBench({ voters });
  process.stdout.write(`${result.markdown()}\n`);
}
