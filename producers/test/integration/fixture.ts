import { createLogger, type Logger } from '@tally/common';
import type { IncomingRecord } from '@tally/kafka-client';
import { createTestDatabase, type TestDatabase, testBrokers, testKafka, uniqueName } from '@tally/testkit';
import pg from 'pg';
import type { Topics } from '../../src/config.js';

/** One test's own database, topics and consumer group on the real PostgreSQL and Kafka. */
export interface Fixture {
  db: TestDatabase;
  /** Quiet logger for producers run inside the test process. */
  logger: Logger;
  brokers: string;
  topics: Topics;
  groupId: string;
  /** Environment for a producer process started with spawnService. */
  env: NodeJS.ProcessEnv;
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Distinct keys of a topic and, per key, every value seen (as UTF-8). */
  keysOf(topic: string): Promise<Map<string, string[]>>;
  close(): Promise<void>;
}

export async function createFixture(): Promise<Fixture> {
  const db = await createTestDatabase('tally_producers');
  const topics: Topics = {
    candidates: uniqueName('candidates'),
    voters: uniqueName('voters'),
    votes: uniqueName('votes'),
    votersDlq: uniqueName('voters_dlq'),
  };
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // The database is dropped WITH (FORCE) right after pool.end(), which resolves before its sockets
  // have closed: the server's goodbye to an ending connection must not be an unhandled error.
  pool.on('error', () => undefined);
  const brokers = testBrokers();
  return {
    db,
    logger: createLogger('producers-test', { level: 'warn' }),
    brokers,
    topics,
    groupId: uniqueName('vote'),
    env: {
      KAFKA_BROKERS: brokers,
      DATABASE_URL: db.url,
      CANDIDATES_TOPIC: topics.candidates,
      VOTERS_TOPIC: topics.voters,
      VOTES_TOPIC: topics.votes,
      VOTERS_DLQ_TOPIC: topics.votersDlq,
      LOG_LEVEL: 'info',
    },
    query: async (text, values) => (await pool.query(text, values)).rows,
    keysOf: async (topic) => {
      const records = await readWholeTopic(topic);
      const byKey = new Map<string, string[]>();
      for (const r of records) {
        const key = r.key?.toString('utf8') ?? '';
        byKey.set(key, [...(byKey.get(key) ?? []), r.value?.toString('utf8') ?? '']);
      }
      return byKey;
    },
    close: async () => {
      await pool.end();
      await db.drop();
      const admin = await testKafka().admin();
      const existing = new Set(await admin.listTopics());
      await admin.deleteTopics(Object.values(topics).filter((t) => existing.has(t))).catch(() => undefined);
      await admin.close();
    },
  };
}

/**
 * Every record of `topic` up to its current end. (testKafka().readTopic stops a partition after
 * its first fetch when the high watermark is already past the end, so it misses records of topics
 * larger than one fetch; reported to the lead. This reads until the offsets themselves arrive.)
 */
export async function readWholeTopic(topic: string, timeoutMs = 60_000): Promise<IncomingRecord[]> {
  const kafka = testKafka();
  const admin = await kafka.admin();
  const ends = new Map(
    (await admin.topicOffsets(topic)).filter((o) => o.high > o.low).map((o) => [o.partition, o.high]),
  );
  const records: IncomingRecord[] = [];
  if (ends.size === 0) {
    await admin.close();
    return records;
  }
  const groupId = uniqueName('read');
  const consumer = kafka.consumer({ groupId, fromBeginning: true });
  try {
    await consumer.subscribe([topic]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic}: timed out`)), timeoutMs);
      consumer
        .run({
          eachBatch: async (batch) => {
            const end = ends.get(batch.partition);
            if (end === undefined) return;
            for (const r of batch.records) if (r.offset < end) records.push(r);
            if ((batch.records.at(-1)?.offset ?? -1) >= end - 1) ends.delete(batch.partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.close();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.close();
  }
  return records;
}
