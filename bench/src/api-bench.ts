import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '@tally/common';
import { startBroker } from '@tally/kafka-broker';
import { measureFanOut } from './api/fan-out.js';
import { measureFreshness } from './api/freshness.js';
import { startApiBenchStack } from './api/stack.js';
import { mib, ms } from './api/stats.js';
import { type BenchSection, renderSection } from './report.js';

/** Options of the API benchmark; the defaults are the full run (`--small` for a quick one). */
export interface ApiBenchOptions {
  brokers: string;
  /** Vote rates of the freshness runs (default 1,000 and 10,000 per second). */
  rates?: number[];
  /** Seconds per freshness run (default 10). */
  seconds?: number;
  /** Subscriber counts of the fan-out runs (default 1,000 and 10,000). */
  subscribers?: number[];
  /** Votes (rounds) timed per fan-out run (default 5). */
  rounds?: number;
}

/**
 * The API's freshness (vote written to `votes_topic` → a subscriber receives the new total) at
 * several vote rates, and its fan-out to many graphql-ws subscribers (delivery and memory), on
 * the engine over real Kafka with the API as its own process (`api/src/cli.ts`).
 */
export async function runApiBench(options: ApiBenchOptions): Promise<BenchSection[]> {
  const rates = options.rates ?? [1_000, 10_000];
  const seconds = options.seconds ?? 10;
  const counts = options.subscribers ?? [1_000, 10_000];
  const rounds = options.rounds ?? 5;
  process.env['KAFKA_BROKERS'] = options.brokers;
  const largest = Math.max(...counts);
  const stack = await startApiBenchStack(options.brokers, {
    API_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
    UV_THREADPOOL_SIZE: '4',
  });
  const rows: BenchSection['rows'] = [];
  let index = 0;
  try {
    for (const rate of rates) {
      const result = await measureFreshness(stack, rate, seconds, index);
      index += result.votes;
      const label = `${rate.toLocaleString('en-US')} votes/s`;
      rows.push(
        {
          what: `freshness p50 at ${label} (achieved ${result.achievedRate.toLocaleString('en-US')}/s)`,
          value: ms(result.p50),
        },
        { what: `freshness p99 at ${label}`, value: ms(result.p99), aim: rate >= 10_000 ? '< 100 ms' : '' },
        { what: `votes delivered at ${label}`, value: `${result.delivered}/${result.votes}` },
      );
    }
    for (const count of counts) {
      const result = await measureFanOut(stack, count, rounds, index);
      index += rounds;
      const label = `${count.toLocaleString('en-US')} subscribers`;
      rows.push(
        { what: `fan-out to ${label}: vote → subscriber p50`, value: ms(result.endToEndP50) },
        {
          what: `fan-out to ${label}: vote → subscriber p99`,
          value: ms(result.endToEndP99),
          aim: count >= 10_000 ? '< 250 ms' : '',
        },
        { what: `fan-out to ${label}: first → last subscriber p99`, value: ms(result.spreadP99) },
        {
          what: `fan-out to ${label}: API memory (per subscriber)`,
          value: `${mib(result.apiMemoryBytes)} (${(result.bytesPerSubscriber / 1024).toFixed(1)} KiB)`,
        },
        { what: `fan-out to ${label}: missed updates`, value: String(result.missed) },
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
        'Freshness: votes of new voters written to votes_topic at a paced rate; one graphql-ws subscriber of `candidates`; a vote is fresh when the first total that includes it arrives (first 10 % warm-up dropped).',
        `Fan-out: ${largest.toLocaleString('en-US')} sockets at most, one subscription each, clients in the benchmark process, the API in its own process; ${rounds} single votes timed per run.`,
        'Engine, API, Kafka and the clients share the machine.',
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
