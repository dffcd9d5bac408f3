import { mkdtempSync, rmSync } from 'node:fs';
import { getPriority, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '@tally/common';
import { startBroker } from '@tally/kafka-broker';
import { measureFanOut } from './api/fan-out.js';
import { measureFreshness } from './api/freshness.js';
import { startApiBenchStack } from './api/stack.js';
import { mib, ms } from './api/stats.js';
import { onInterrupt } from './cleanup.js';
import { type BenchSection, renderSection } from './report.js';

/** Options of the API benchmark; the defaults are the full run (`--small` for a quick one). */
export interface ApiBenchOptions {
  brokers: string;
  /** Vote rates of the freshness runs (default 100, 1,000 and 10,000 per second). */
  rates?: number[];
  /** Seconds per freshness run (default 10). */
  seconds?: number;
  /** Subscriber counts of the fan-out runs (default 1,000 and 10,000). */
  subscribers?: number[];
  /** Votes (rounds) timed per fan-out run (default 5). */
  rounds?: number;
}

/** Votes run through the stack before the measured runs. */
const WARM_UP = { rate: 1_000, seconds: 5 };

/** Load averages (1 min) as a note: the machine is shared, and the figures depend on it. */
function load(): string {
  return loadavg()[0]!.toFixed(1);
}

/** The benchmark's scheduling priority when it is not the default (it shares the machine with other jobs). */
function niceness(): string {
  const nice = getPriority();
  return nice === 0 ? '' : `; run at nice ${nice}`;
}

/**
 * The API's freshness (vote written to `votes_topic` → a subscriber receives the new total) at
 * several vote rates, and its fan-out to many graphql-ws subscribers (delivery, memory, CPU), on
 * the engine over real Kafka with the API as its own process (`api/src/cli.ts`). The votes come
 * from a worker thread and the fan-out's clients live on worker threads, so the benchmark's own
 * event loop never stands between an arrival and its timestamp.
 */
export async function runApiBench(options: ApiBenchOptions): Promise<BenchSection[]> {
  const rates = options.rates ?? [100, 1_000, 10_000];
  const seconds = options.seconds ?? 10;
  const counts = options.subscribers ?? [1_000, 10_000];
  const rounds = options.rounds ?? 5;
  process.env['KAFKA_BROKERS'] = options.brokers;
  const loadBefore = load();
  const stack = await startApiBenchStack(options.brokers, {
    API_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
    UV_THREADPOOL_SIZE: '4',
  });
  const rows: BenchSection['rows'] = [];
  let index = 0;
  let votesSoFar = 0;
  try {
    // Unmeasured: the first seconds after start-up run cold (JIT, connections, coordinators), which
    // would otherwise be charged to whichever rate comes first.
    const warmUp = await measureFreshness(stack, WARM_UP.rate, WARM_UP.seconds, index);
    index += warmUp.votes;
    votesSoFar += warmUp.votes;
    for (const rate of rates) {
      const r = await measureFreshness(stack, rate, seconds, index);
      index += r.votes;
      votesSoFar += r.votes;
      const label = `${rate.toLocaleString('en-US')} votes/s`;
      rows.push(
        {
          what: `freshness at ${label} (achieved ${r.achievedRate.toLocaleString('en-US')}/s): vote → API subscriber p50 / p99`,
          value: `${ms(r.p50)} / ${ms(r.p99)}`,
          aim: rate >= 10_000 ? 'p99 < 100 ms' : '',
        },
        {
          what: `freshness at ${label}: vote → engine push query p50 / p99 (the engine's share)`,
          value: `${ms(r.engineP50)} / ${ms(r.engineP99)}`,
        },
        { what: `freshness at ${label}: votes delivered`, value: `${r.delivered}/${r.votes}` },
        {
          what: `freshness at ${label}: votes counted per second by the election's queries (first vote sent → last counted)`,
          value: r.countedRate.toLocaleString('en-US'),
        },
      );
    }
    for (const count of counts) {
      const r = await measureFanOut(stack, count, rounds, votesSoFar, index);
      index += rounds;
      votesSoFar += rounds;
      const label = `${count.toLocaleString('en-US')} subscribers`;
      rows.push(
        {
          what: `fan-out to ${label}: vote → subscriber p50 / p99`,
          value: `${ms(r.endToEndP50)} / ${ms(r.endToEndP99)}`,
          aim: count >= 10_000 ? 'p99 < 250 ms' : '',
        },
        { what: `fan-out to ${label}: first → last subscriber p99`, value: ms(r.spreadP99) },
        {
          what: `fan-out to ${label}: API memory, RSS (per subscriber) / JS heap`,
          value: `${mib(r.apiMemoryBytes)} (${(r.bytesPerSubscriber / 1024).toFixed(1)} KiB) / ${mib(r.apiHeapBytes)}`,
        },
        {
          what: `fan-out to ${label}: CPU per delivered update, API / benchmark clients`,
          value: `${r.cpuMicrosPerDelivery.toFixed(0)} µs / ${r.clientCpuMicrosPerDelivery.toFixed(0)} µs`,
        },
        { what: `fan-out to ${label}: missed updates`, value: String(r.missed) },
      );
    }
  } finally {
    await stack.close();
  }
  return [
    {
      title: 'API: freshness and fan-out',
      command: 'npm run bench -- api',
      rows,
      notes: [
        `Freshness: votes of new voters written to votes_topic at a paced rate for ${seconds} s by one kafkajs producer on a worker thread (a batch every 10 ms); one graphql-ws subscriber of \`candidates\` on the API and one push query on the engine; a vote is fresh when the first total that includes it arrives (first 10 % of each run dropped as warm-up, and ${(WARM_UP.rate * WARM_UP.seconds).toLocaleString('en-US')} votes through the fresh stack before the first run). "Achieved" counts votes acknowledged by Kafka over the time to the last acknowledgement; "counted per second" is the pipeline's pace — the rate itself while it keeps up, its ceiling on this machine when it does not.`,
        `Fan-out: one \`candidates\` subscription per socket, clients on ${counts.some((c) => c >= 2_000) ? 'two worker threads' : 'a worker thread'} of the benchmark process, the API in its own process; ${rounds} single votes timed per run. Memory is the API's after the subscribers connected; per subscriber over its memory before.`,
        'Where freshness goes, hop by hop (BALLOTS committed, VOTES_PER_CANDIDATE committed, engine push row, API subscriber): `KAFKA_BROKERS=… node --conditions=source --import tsx bench/src/api/hops.ts [rate] [seconds]`.',
        `Engine, API, Kafka and the clients share the machine (2 cores; load average ${loadBefore} before the run, ${load()} after${niceness()}).`,
      ],
    },
  ];
}

async function main(): Promise<void> {
  const small = process.argv.includes('--small');
  const logger = createLogger('api-bench');
  let brokers = process.env['KAFKA_BROKERS'];
  let stopBroker: (() => Promise<void>) | undefined;
  if (!brokers) {
    const dir = mkdtempSync(join(tmpdir(), 'tally-api-bench-kafka-'));
    onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
    const broker = await startBroker({ dir, heapMb: 1024, logger });
    brokers = broker.brokers;
    stopBroker = async () => {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const sections = await runApiBench(
      small ? { brokers, rates: [200, 1_000], seconds: 3, subscribers: [100, 500], rounds: 3 } : { brokers },
    );
    for (const section of sections) process.stdout.write(`${renderSection(section)}\n`);
  } finally {
    await stopBroker?.();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
