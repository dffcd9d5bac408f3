import { createLogger } from '@tally/common';
import { freePort } from '@tally/kafka-broker';
import { createKafkaClient, type KafkaClient } from '@tally/kafka-client';
import { applyMigrations, electionMigrations } from '@tally/ksql';
import { migrate } from '@tally/sql';
import {
  createTestDatabase,
  type ServiceProcess,
  spawnService,
  startEngine,
  type TestDatabase,
  type TestEngine,
  uniqueName,
} from '@tally/testkit';
import pg from 'pg';
import { onInterrupt } from '../cleanup.js';

/** The pipeline the API benchmark runs on: engine, PostgreSQL, migrations, the API as its own process. */
export interface ApiBenchStack {
  engine: TestEngine;
  db: TestDatabase;
  kafka: KafkaClient;
  votesTopic: string;
  api: ServiceProcess;
  apiUrl: string;
  /** The API process's memory and CPU time so far, from its /metrics. */
  apiStats(): Promise<ApiProcessStats>;
  close(): Promise<void>;
}

/** Process figures of the API, read from its Prometheus metrics. */
export interface ApiProcessStats {
  rssBytes: number;
  heapUsedBytes: number;
  cpuSeconds: number;
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

const BENCH_CANDIDATES = [
  ['cand-1', 'Avery Brooks', 'Management Party'],
  ['cand-2', 'Jordan Lee', 'Savior Party'],
  ['cand-3', 'Casey Morgan', 'Tech Republic Party'],
];

async function waitForReady(url: string, api: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output().slice(-3000)}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`api not ready after ${timeoutMs} ms:\n${api.output().slice(-3000)}`);
}

/** Starts engine, database, ksql migrations (unique topics) and the API (`api/src/cli.ts`). */
export async function startApiBenchStack(
  brokers: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ApiBenchStack> {
  const prefix = uniqueName('apibench');
  const votersTopic = `${prefix}_voters`;
  const votesTopic = `${prefix}_votes`;
  const kafka = createKafkaClient({ brokers, clientId: 'tally-api-bench' });
  const admin = await kafka.admin();
  await admin.createTopics([{ topic: votersTopic }, { topic: votesTopic }]);
  await admin.close?.();
  const db = await createTestDatabase('tally_apibench');
  const forget = onInterrupt(() => db.drop());
  await migrate(db.url, { logger: createLogger('bench-sql', { level: 'warn' }) });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  for (const [id, name, party] of BENCH_CANDIDATES)
    await client.query(
      'INSERT INTO candidates (candidate_id, candidate_name, party_affiliation, biography, campaign_platform, photo_url) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, name, party, '', '', ''],
    );
  await client.end();
  const engine = await startEngine();
  await applyMigrations({
    url: engine.url,
    ...electionMigrations({ votersTopic, votesTopic, topicPrefix: `${prefix}_` }),
  });
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const api = spawnService('api/src/cli.ts', [], {
    API_PORT: String(port),
    KSQLDB_URL: engine.url,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    ...env,
  });
  await waitForReady(apiUrl, api);
  return {
    engine,
    db,
    kafka,
    votesTopic,
    api,
    apiUrl,
    apiStats: async () => {
      const text = await (await fetch(`${apiUrl}/metrics`)).text();
      return {
        rssBytes: metric(text, 'tally_api_process_resident_memory_bytes'),
        heapUsedBytes: metric(text, 'tally_api_nodejs_heap_size_used_bytes'),
        cpuSeconds: metric(text, 'tally_api_process_cpu_seconds_total'),
      };
    },
    close: async () => {
      await api.kill('SIGTERM');
      await engine.stop();
      await db.drop();
      forget();
    },
  };
}
