import { createLogger, type Logger } from '@tally/common';
import { createKafkaClient, type OutgoingRecord } from '@tally/kafka-client';
import { migrate } from '@tally/sql';
import { resolveBrokers, resolveDatabaseUrl, resolveTopics, type Topics } from '../config.js';
import { createKafkaBatcher } from '../kafka-batcher.js';
import { hashString } from '../random/prng.js';
import { ensureTopics, recreateTopics } from '../topics.js';
import { generateCandidates } from './candidates.js';
import { type PgLoader, startPgLoader } from './pg-loader.js';
import { createProgress, type ProgressMode } from './progress.js';
import { candidateJson } from './records.js';

/** Options of one seeding run; every one has a default that works on one machine. */
export interface SeedOptions {
  /** Voters to register (default 1,000). */
  voters?: number;
  /** Candidates, one per party (default 3). */
  candidates?: number;
  /** Any string or number; the same seed always produces the same candidates and voters (default "tally"). */
  seed?: string | number;
  /** Empties the tables and deletes and recreates the topics first (a fresh election). */
  reset?: boolean;
  /** Partitions of topics this run creates (default 1). */
  partitions?: number;
  brokers?: string;
  databaseUrl?: string;
  topics?: Partial<Topics>;
  logger?: Logger;
  progress?: ProgressMode;
  /** Ages are computed on this day (default 2026-11-03, election day). */
  registrationDate?: Date;
  /** Voters loaded per COPY (default 25,000). */
  chunkSize?: number;
  /** Load PostgreSQL on a worker thread, so a second core generates and COPYs (default: from 100,000 voters). */
  loaderThread?: boolean;
}

/** What a run did, and where its time went. */
export interface SeedResult {
  candidates: number;
  voters: number;
  /** Rows that were new in PostgreSQL (0 when the same seed ran before). */
  insertedVoters: number;
  insertedCandidates: number;
  durationMs: number;
  /** Milliseconds spent generating voters (COPY rows and JSON, on the loading side). */
  generateMs: number;
  /** Milliseconds PostgreSQL loading was busy (overlaps Kafka publishing). */
  postgresMs: number;
}

/** Seeds are hashed to 32 bits; numbers and their decimal strings give the same run. */
export function seedHash(seed: string | number): number {
  return hashString(String(seed));
}

/**
 * Registers candidates and voters: bulk-loads PostgreSQL (COPY), then publishes them keyed by id
 * to `candidates_topic` and `voters_topic`. A voter reaches Kafka only after its row is committed,
 * so the vote producer never sees a voter that PostgreSQL does not know. Idempotent: the same
 * seed again inserts nothing and re-publishes identical records under the same keys.
 */
export async function seed(options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const logger = options.logger ?? createLogger('tally-seed');
  const voterCount = options.voters ?? 1_000;
  const candidateCount = options.candidates ?? 3;
  const partitions = options.partitions ?? 1;
  const chunkSize = options.chunkSize ?? 25_000;
  const topics = resolveTopics(options.topics);
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const hash = seedHash(options.seed ?? 'tally');

  await migrate(databaseUrl, { logger });
  const kafka = createKafkaClient({
    brokers: resolveBrokers(options.brokers),
    clientId: 'tally-seed',
    logger,
  });
  const admin = await kafka.admin();
  const producer = await kafka.producer({ idempotent: false });
  let loader: PgLoader | undefined;
  try {
    const seeded = [topics.candidates, topics.voters];
    if (options.reset) await recreateTopics(admin, [...seeded, topics.votes, topics.votersDlq], partitions);
    else await ensureTopics(admin, seeded, partitions);
    const registrationDate = options.registrationDate ?? new Date('2026-11-03T00:00:00Z');
    loader = startPgLoader(
      {
        databaseUrl,
        reset: options.reset ?? false,
        seedHash: hash,
        registrationDate: registrationDate.toISOString(),
        voters: voterCount,
        candidates: candidateCount,
        chunkSize,
      },
      { thread: options.loaderThread ?? voterCount >= 100_000 },
    );

    const candidates = generateCandidates(candidateCount, hash);
    const insertedCandidates = await loader.candidates;
    await producer.send([
      {
        topic: topics.candidates,
        records: candidates.map((c) => ({ key: c.candidate_id, value: candidateJson(c) })),
      },
    ]);

    // One partition: name it, which spares kafkajs hashing every key (murmur2 in JavaScript).
    const [votersTopic] = await admin.describeTopics([topics.voters]);
    const partitionHint = votersTopic?.partitions.length === 1 ? { partition: 0 } : {};
    const progress = createProgress(options.progress ?? 'none', logger, 'voters');
    progress.start(voterCount);
    let acknowledged = 0;
    const batcher = createKafkaBatcher(producer, topics.voters, {
      onAcknowledged: (n) => {
        acknowledged += n;
        progress.update(acknowledged);
      },
    });
    let generateMs = 0;
    let postgresMs = 0;
    let insertedVoters = 0;
    const chunkCount = Math.ceil(voterCount / chunkSize);
    for (let index = 0; index < chunkCount; index++) {
      // Each chunk arrives committed in PostgreSQL: only then does Kafka get its voters.
      const chunk = await loader.chunk(index);
      insertedVoters += chunk.inserted;
      generateMs += chunk.generateMs;
      postgresMs += chunk.postgresMs;
      const keys = chunk.keys.split('\n');
      const values = chunk.values.split('\n');
      const records: OutgoingRecord[] = keys.map((key, i) => ({ key, value: values[i]!, ...partitionHint }));
      await batcher.publish(records);
      loader.release(index);
    }
    await batcher.flush();
    await loader.done;
    progress.stop();
    const result: SeedResult = {
      candidates: candidateCount,
      voters: voterCount,
      insertedVoters,
      insertedCandidates,
      durationMs: performance.now() - started,
      generateMs,
      postgresMs,
    };
    logger.info(
      { ...result, topics: { candidates: topics.candidates, voters: topics.voters } },
      'seeded candidates and voters',
    );
    return result;
  } catch (error) {
    await loader?.abort();
    throw error;
  } finally {
    await producer.close().catch(() => undefined);
    await admin.close().catch(() => undefined);
  }
}
