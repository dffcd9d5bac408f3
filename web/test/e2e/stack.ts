import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ApiServer, createApiServer } from '@tally/api';
import { createLogger } from '@tally/common';
import { applyMigrations, electionMigrations } from '@tally/ksql';
import { runVoteProducer, seed, type Topics, type VoteProducerHandle } from '@tally/producers';
import { migrate } from '@tally/sql';
import {
  createTestDatabase,
  startEngine,
  type TestDatabase,
  type TestEngine,
  testBrokers,
  uniqueName,
} from '@tally/testkit';
import { build } from 'vite';

const webDir = resolve(import.meta.dirname, '..', '..');

/** The whole of Tally for one test file: engine, ksql and SQL migrations, producers, API + built page. */
export interface Stack {
  engine: TestEngine;
  db: TestDatabase;
  api: ApiServer;
  topics: Topics;
  staticDir: string;
  /** Registers voters until `total` are on the register (the same seed: earlier voters are unchanged). */
  register(total: number): Promise<void>;
  /** Starts the vote producer: every registered voter votes, now and as more register. */
  startVoting(): Promise<VoteProducerHandle>;
  /** Closes the API (its sockets close) and starts it again on the same port. */
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the dashboard with Vite's API into a fresh folder, as `npm run build` would. */
export async function buildDashboard(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'tally-web-'));
  await build({
    root: webDir,
    configFile: join(webDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Starts the real stack: migrations applied, candidates registered, no voters yet. */
export async function startStack(): Promise<Stack> {
  const logger = createLogger('web-e2e', { level: process.env['E2E_LOG_LEVEL'] ?? 'warn' });
  const prefix = uniqueName('web');
  const topics: Topics = {
    candidates: `${prefix}_candidates`,
    voters: `${prefix}_voters`,
    votes: `${prefix}_votes`,
    votersDlq: `${prefix}_voters_dlq`,
  };
  const [staticDir, engine, db] = await Promise.all([
    buildDashboard(),
    startEngine(),
    createTestDatabase('tally_web'),
  ]);
  await migrate(db.url, { logger });
  await applyMigrations({
    url: engine.url,
    ...electionMigrations({
      votersTopic: topics.voters,
      votesTopic: topics.votes,
      topicPrefix: `${prefix}_`,
    }),
  });
  // The same seed every time: registering more voters keeps the earlier ones as they are.
  const register = async (total: number): Promise<void> => {
    await seed({ voters: total, candidates: 3, databaseUrl: db.url, brokers: testBrokers(), topics, logger });
  };
  await register(0);

  const apiOptions = { ksqldbUrl: engine.url, databaseUrl: db.url, staticDir, logger };
  let api = await createApiServer({ ...apiOptions, port: 0 });
  const port = api.port;
  const producers: VoteProducerHandle[] = [];
  const stack: Stack = {
    engine,
    db,
    get api() {
      return api;
    },
    topics,
    staticDir,
    register,
    async startVoting() {
      const producer = await runVoteProducer({
        brokers: testBrokers(),
        databaseUrl: db.url,
        topics,
        groupId: `${prefix}_vote`,
        logger,
        statsIntervalMs: 0,
      });
      producers.push(producer);
      return producer;
    },
    stopApi: () => api.close(),
    async startApi() {
      api = await createApiServer({ ...apiOptions, port });
    },
    async stop() {
      await Promise.allSettled(producers.map((p) => p.stop()));
      await api.close().catch(() => undefined);
      await engine.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
  return stack;
}
