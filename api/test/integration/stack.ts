import { createLogger } from '@tally/common';
import { applyMigrations, createKsqlClient, electionMigrations, type KsqlClient } from '@tally/ksql';
import { runVoteProducer, seed, type VoteProducerHandle } from '@tally/producers';
import {
  createTestDatabase,
  startEngine,
  type TestDatabase,
  type TestEngine,
  testBrokers,
  uniqueName,
} from '@tally/testkit';
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

/** Starts the stack; `apiOptions` configure the API (token, limits). */
export async function startStack(apiOptions: ApiServerOptions = {}): Promise<Stack> {
  const prefix = uniqueName('api');
  const topics = {
    candidates: `${prefix}_candidates`,
    voters: `${prefix}_voters`,
    votes: `${prefix}_votes`,
    votersDlq: `${prefix}_voters_dlq`,
  };
  const db = await createTestDatabase('tally_api');
  const engine = await startEngine();
  const ksql = createKsqlClient({ url: engine.url });
  const logger = quiet();
  const seedVoters = async (voters: number) => {
    await seed({
      voters,
      candidates: 3,
      databaseUrl: db.url,
      brokers: testBrokers(),
      topics,
      logger,
      progress: 'none',
    });
  };
  await seedVoters(20);
  await applyMigrations({
    url: engine.url,
    client: ksql,
    ...electionMigrations({
      votersTopic: topics.voters,
      votesTopic: topics.votes,
      topicPrefix: `${prefix}_`,
    }),
  });
  const api = await createApiServer({
    port: 0,
    ksqldbUrl: engine.url,
    databaseUrl: db.url,
    logger,
    backoff: { initialMs: 100, maxMs: 1000 },
    ...apiOptions,
  });
  const producers: VoteProducerHandle[] = [];
  return {
    engine,
    db,
    ksql,
    api,
    topics,
    seedVoters,
    startVoting: async () => {
      const producer = await runVoteProducer({
        databaseUrl: db.url,
        brokers: testBrokers(),
        topics,
        groupId: `${prefix}_vote`,
        logger,
        statsIntervalMs: 0,
      });
      producers.push(producer);
      return producer;
    },
    close: async () => {
      await Promise.all(producers.map((producer) => producer.stop()));
      await api.close();
      await ksql.close();
      await engine.stop();
      await db.drop();
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
