import { createLogger, defaults, type Logger } from '@tally/common';
import { createKafkaClient } from '@tally/kafka-client';
import type { Topics } from '@tally/producers';
import { createTestDatabase, type TestDatabase, uniqueName } from '@tally/testkit';
import { onInterrupt } from '../cleanup.js';

/** A throw-away database and topic names for one producer benchmark, removed afterwards. */
export interface ProducerBenchEnv {
  brokers: string;
  db: TestDatabase;
  topics: Topics;
  logger: Logger;
  dispose(): Promise<void>;
}

/** Creates the benchmark's own database on the local PostgreSQL and unique topic names. */
export async function createProducerBenchEnv(name: string, brokers?: string): Promise<ProducerBenchEnv> {
  const resolved = brokers ?? process.env['KAFKA_BROKERS'] ?? defaults.kafkaBrokers;
  const db = await createTestDatabase(`tally_bench_${name}`);
  const forget = onInterrupt(() => db.drop());
  const topics: Topics = {
    candidates: uniqueName(`bench_${name}_candidates`),
    voters: uniqueName(`bench_${name}_voters`),
    votes: uniqueName(`bench_${name}_votes`),
    votersDlq: uniqueName(`bench_${name}_dlq`),
  };
  return {
    brokers: resolved,
    db,
    topics,
    logger: createLogger(`${name}-bench`, { level: process.env['LOG_LEVEL'] ?? 'warn' }),
    dispose: async () => {
      await db.drop();
      forget();
      const admin = await createKafkaClient({ brokers: resolved, clientId: 'bench-cleanup' }).admin();
      try {
        const existing = new Set(await admin.listTopics());
        await admin.deleteTopics(Object.values(topics).filter((t) => existing.has(t)));
      } finally {
        await admin.close();
      }
    },
  };
}

/** `1234567` → `1,234,567`. */
export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Milliseconds → `12.3 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** True when this module is the script node was started with (the file runs standalone). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && url.endsWith(process.argv[1].replace(/\\/g, '/'));
}
