import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ApiServer, createApiServer } from '@tally/api';
import { createLogger } from '@tally/common';
import type { Topics, VoteProducerHandle } from '@tally/producers';
import { startElection, type TestDatabase, type TestEngine } from '@tally/testkit';
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
  const [staticDir, election] = await Promise.all([
    buildDashboard(),
    startElection({ name: 'web', database: 'tally_web', logger }),
  ]);
  const { engine, db } = election;
  const apiOptions = { ksqldbUrl: engine.url, databaseUrl: db.url, staticDir, logger };
  let api = await createApiServer({ ...apiOptions, port: 0 });
  const port = api.port;
  const stack: Stack = {
    engine,
    db,
    get api() {
      return api;
    },
    topics: election.topics,
    staticDir,
    register: election.register,
    startVoting: election.startVoting,
    stopApi: () => api.close(),
    async startApi() {
      api = await createApiServer({ ...apiOptions, port });
    },
    async stop() {
      await api.close().catch(() => undefined);
      await election.stop();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
  return stack;
}
