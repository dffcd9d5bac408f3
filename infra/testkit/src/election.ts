/**
 * The election pipeline for one test file, on the test run's broker: an engine process, a fresh
 * PostgreSQL database, topics named after a unique prefix, the seed (candidates and voters, same
 * seed every time), the election's ksql migrations and vote producers. What sits on top (the API,
 * the dashboard) differs between test suites, so they start it themselves.
 *
 * `@tally/ksql` and `@tally/producers` are optional peer dependencies, loaded only when an election
 * starts: their own tests use this kit, and every other user of the kit need not load them.
 */
import type { Logger } from '@tally/common';
import type { KsqlClient } from '@tally/ksql';
import type { Topics, VoteProducerHandle } from '@tally/producers';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startEngine, type TestEngine } from './engine.js';
import { testBrokers } from './kafka.js';
import { uniqueName } from './names.js';

/** How to start the election. */
export interface ElectionOptions {
  /** Prefix of the unique topic, group and database names, e.g. `api`. */
  name: string;
  /** Prefix of the test database's name, e.g. `tally_api`. */
  database: string;
  logger: Logger;
  /** Voters registered before the ksql migrations run (default 0). */
  voters?: number;
  /** The ksql client the migrations use (default: one of their own). */
  ksql?: KsqlClient;
}

/** A running election pipeline. */
export interface Election {
  /** The unique prefix of its topics and consumer groups. */
  prefix: string;
  topics: Topics;
  engine: TestEngine;
  db: TestDatabase;
  /** Registers voters until `total` are on the register (the same seed: earlier voters are unchanged). */
  register(total: number): Promise<void>;
  /** Starts a vote producer: every registered voter votes, now and as more register. */
  startVoting(): Promise<VoteProducerHandle>;
  /** Stops the vote producers and the engine, drops the database. */
  stop(): Promise<void>;
}

/** Starts engine and database, seeds `voters` voters, applies the election's ksql migrations. */
export async function startElection(options: ElectionOptions): Promise<Election> {
  const { logger } = options;
  const [{ applyMigrations, electionMigrations }, { runVoteProducer, seed }] = await Promise.all([
    import('@tally/ksql'),
    import('@tally/producers'),
  ]);
  const prefix = uniqueName(options.name);
  const topics: Topics = {
    candidates: `${prefix}_candidates`,
    voters: `${prefix}_voters`,
    votes: `${prefix}_votes`,
    votersDlq: `${prefix}_voters_dlq`,
  };
  const [engine, db] = await Promise.all([startEngine(), createTestDatabase(options.database)]);
  const register = async (total: number): Promise<void> => {
    await seed({ voters: total, candidates: 3, databaseUrl: db.url, brokers: testBrokers(), topics, logger });
  };
  await register(options.voters ?? 0);
  await applyMigrations({
    url: engine.url,
    ...(options.ksql === undefined ? {} : { client: options.ksql }),
    ...electionMigrations({
      votersTopic: topics.voters,
      votesTopic: topics.votes,
      topicPrefix: `${prefix}_`,
    }),
  });
  const producers: VoteProducerHandle[] = [];
  return {
    prefix,
    topics,
    engine,
    db,
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
    async stop() {
      await Promise.allSettled(producers.map((p) => p.stop()));
      await engine.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
    },
  };
}
