import { defaults, readEnv } from '@tally/common';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

/** The API's environment variables, their defaults and their checks. */
export const apiEnvSchema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(defaults.apiPort),
  API_HOST: z.string().default('127.0.0.1'),
  KSQLDB_URL: z.string().url().default(defaults.ksqldbUrl),
  DATABASE_URL: z.string().default(defaults.databaseUrl),
  API_TOKEN: optionalText,
  API_CORS_ORIGINS: optionalText.transform((value) =>
    value
      ?.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  ),
  API_STATIC_DIR: optionalText,
  API_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(20),
  /** Bytes a graphql-ws socket may hold unsent (a client that stopped reading) before it is closed with 1008. */
  API_WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  API_EXPOSE_BALLOTS: flag,
});

/** Configuration read from the environment (see `apiEnvSchema`). */
export interface ApiConfig {
  port: number;
  host: string;
  ksqldbUrl: string;
  databaseUrl: string;
  token: string | undefined;
  corsOrigins: string[] | undefined;
  staticDir: string | undefined;
  maxSubscriptionsPerConnection: number;
  maxBufferedBytes: number;
  exposeBallots: boolean;
}

/** Reads the API's configuration; a bad value fails with the variable's name. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = readEnv(apiEnvSchema, env);
  return {
    port: parsed.API_PORT,
    host: parsed.API_HOST,
    ksqldbUrl: parsed.KSQLDB_URL,
    databaseUrl: parsed.DATABASE_URL,
    token: parsed.API_TOKEN,
    corsOrigins: parsed.API_CORS_ORIGINS,
    staticDir: parsed.API_STATIC_DIR,
    maxSubscriptionsPerConnection: parsed.API_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxBufferedBytes: parsed.API_WS_MAX_BUFFERED_BYTES,
    exposeBallots: parsed.API_EXPOSE_BALLOTS,
  };
}
