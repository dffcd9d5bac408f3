import type { z } from 'zod';
import { TallyError } from './errors.js';

/** Defaults that work on one machine. Always 127.0.0.1: Node may resolve `localhost` to ::1 first. */
export const defaults = {
  kafkaBrokers: '127.0.0.1:9092',
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/tally',
  ksqldbUrl: 'http://127.0.0.1:8088',
  apiPort: 4000,
  enginePort: 8088,
} as const;

/**
 * Reads a process's configuration from environment variables through a zod schema, so that a bad
 * value fails at start-up with the variable's name rather than somewhere deep inside.
 */
export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new TallyError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
    hint: 'Check the environment variables listed in the README configuration table.',
  });
}

/** Comma-separated broker list → array, trimming blanks. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
