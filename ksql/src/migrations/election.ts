import { fileURLToPath } from 'node:url';

/** Where the election's migrations live (`ksql/migrations`), from source or from `dist/`. */
const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Topic names the election's migrations read and write (their `${variables}`). */
export interface ElectionTopics {
  /** Source topic of VOTERS (default `voters_topic`). */
  votersTopic?: string;
  /** Source topic of VOTES (default `votes_topic`). */
  votesTopic?: string;
  /** Prefix of every topic the migrations create (default none): isolates test runs on one broker. */
  topicPrefix?: string;
}

/**
 * The election's migrations and the variables they need, ready for `applyMigrations`:
 * `applyMigrations({ url, ...electionMigrations() })`. Tests pass unique topics.
 */
export function electionMigrations(topics: ElectionTopics = {}): {
  migrationsDir: string;
  variables: Record<string, string>;
} {
  return {
    migrationsDir,
    variables: {
      voters_topic: topics.votersTopic ?? 'voters_topic',
      votes_topic: topics.votesTopic ?? 'votes_topic',
      topic_prefix: topics.topicPrefix ?? '',
    },
  };
}
