import { createLogger } from '@tally/common';
import { createKsqlClient, type KsqlClient } from '@tally/ksql';
import type { VoteProducerHandle } from '@tally/producers';
import { startElection, type TestDatabase, type TestEngine } from '@tally/testkit';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type ApiServer, type ApiServerOptions, createApiServer } from '../../src/index.js';

/** The real pipeline of one test file: engine on Kafka, PostgreSQL, ksql migrations, the API. */
export interface Stack {
  engine: TestEngine;
  db: TestDatabase;
  ksql: KsqlClient;
  api: ApiServer;
  topics: { candidates: string; voters: string; votes: string; votersDlq: string };
  /** Registers `voters` voters in total (same seed: earlier ones are unchanged). */
  seedVoters(voters: number): Promise<void>;
  /** Starts the vote producer (one vote per registered voter, as they arrive). */
  startVoting(): Promise<VoteProducerHandle>;
  close(): Promise<void>;
}

const quiet = () => createLogger('test', { level: process.env['LOG_LEVEL'] ?? 'warn' });

/** Starts the stack (20 voters registered); `apiOptions` configure the API (token, limits). */
export async function startStack(apiOptions: ApiServerOptions = {}): Promise<Stack> {
  const logger = quiet();
  const election = await startElection({ name: 'api', database: 'tally_api', logger, voters: 20 });
  const ksql = createKsqlClient({ url: election.engine.url });
  const api = await createApiServer({
    port: 0,
    ksqldbUrl: election.engine.url,
    databaseUrl: election.db.url,
    logger,
    backoff: { initialMs: 100, maxMs: 1000 },
    ...apiOptions,
  });
  return {
    engine: election.engine,
    db: election.db,
    ksql,
    api,
    topics: election.topics,
    seedVoters: election.register,
    startVoting: election.startVoting,
    close: async () => {
      await api.close();
      await ksql.close();
      await election.stop();
    },
  };
}

/** A graphql-ws client of the API (token in `connection_init` when given). */
export function wsClient(api: ApiServer, token?: string): Client {
  return createClient({
    url: `${api.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { token } : {},
    retryAttempts: 0,
  });
}

/** A running subscription that remembers every value it received. */
export interface Watched<T> {
  values: T[];
  latest(): T | undefined;
  stop(): void;
}

/** Subscribes with `client` and collects the `data` of each `next`; errors are thrown on `latest()`. */
export function watch<T>(client: Client, query: string): Watched<T> {
  const values: T[] = [];
  let failure: unknown;
  const stop = client.subscribe<T>(
    { query },
    {
      next: (result) => {
        if (result.errors) failure = new Error(JSON.stringify(result.errors));
        else if (result.data) values.push(result.data as T);
      },
      error: (error) => {
        failure = error;
      },
      complete: () => undefined,
    },
  );
  return {
    values,
    latest: () => {
      if (failure) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
      return values.at(-1);
    },
    stop,
  };
}
