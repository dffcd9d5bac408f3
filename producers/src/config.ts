import { defaults } from '@tally/common';

/** Topic names of docs/data-model.md; each can be overridden (tests use unique names). */
export const defaultTopics = {
  candidates: 'candidates_topic',
  voters: 'voters_topic',
  votes: 'votes_topic',
  votersDlq: 'voters_dlq',
} as const;

/** The topics a producer writes or reads, after applying overrides. */
export interface Topics {
  candidates: string;
  voters: string;
  votes: string;
  votersDlq: string;
}

/** Topic names from explicit options, else `CANDIDATES_TOPIC`, `VOTERS_TOPIC`, `VOTES_TOPIC`, `VOTERS_DLQ_TOPIC`. */
export function resolveTopics(overrides: Partial<Topics> = {}, env: NodeJS.ProcessEnv = process.env): Topics {
  return {
    candidates: overrides.candidates ?? env['CANDIDATES_TOPIC'] ?? defaultTopics.candidates,
    voters: overrides.voters ?? env['VOTERS_TOPIC'] ?? defaultTopics.voters,
    votes: overrides.votes ?? env['VOTES_TOPIC'] ?? defaultTopics.votes,
    votersDlq: overrides.votersDlq ?? env['VOTERS_DLQ_TOPIC'] ?? defaultTopics.votersDlq,
  };
}

/** `KAFKA_BROKERS`, else the one-machine default. */
export function resolveBrokers(value?: string, env: NodeJS.ProcessEnv = process.env): string {
  return value ?? env['KAFKA_BROKERS'] ?? defaults.kafkaBrokers;
}

/** `DATABASE_URL`, else the one-machine default. */
export function resolveDatabaseUrl(value?: string, env: NodeJS.ProcessEnv = process.env): string {
  return value ?? env['DATABASE_URL'] ?? defaults.databaseUrl;
}

/** Parses a positive integer option, saying what was expected and what was found. */
export function positiveInt(name: string, value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`Expected ${name} to be a non-negative integer, found "${value}"`);
  }
  return n;
}
