import { createKsqlClient } from '../client/create-client.js';
import type { KsqlClient } from '../client/types.js';
import { loadConfig, type MigrationConfig, metadataDefaults } from './config.js';
import { MigrationError } from './errors.js';
import { createMetadataStore, type MetadataStore } from './metadata.js';

/** Options shared by the programmatic migrations API. */
export interface MigrationsOptions {
  /** A `ksql-migrations.properties` file; other options override its values. */
  configFile?: string;
  /** ksqlDB URL (e.g. `process.env.KSQLDB_URL`). */
  url?: string;
  migrationsDir?: string;
  /** Values for `${name}` (like `-d name=value`). */
  variables?: Record<string, string>;
  streamName?: string;
  tableName?: string;
  streamTopic?: string;
  tableTopic?: string;
  replicas?: number;
  /** Reuse a client (it is not closed); otherwise one is created and closed. */
  client?: KsqlClient;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
}

/** A resolved configuration with an open client and metadata store. */
export interface MigrationsContext {
  config: MigrationConfig;
  client: KsqlClient;
  store: () => Promise<MetadataStore>;
  log: (line: string) => void;
  close(): Promise<void>;
}

/** Resolves options (config file, then explicit options) and opens the client. */
export function openContext(options: MigrationsOptions): MigrationsContext {
  const base: Partial<MigrationConfig> = options.configFile ? loadConfig(options.configFile) : {};
  const url = options.url ?? base.url;
  const migrationsDir = options.migrationsDir ?? base.migrationsDir;
  if (!url)
    throw new MigrationError('MIGRATION_CONFIG', 'No ksqlDB URL: pass url, a config file, or set KSQLDB_URL');
  if (!migrationsDir) throw new MigrationError('MIGRATION_CONFIG', 'No migrations directory given');
  const config: MigrationConfig = {
    url,
    migrationsDir,
    streamName: options.streamName ?? base.streamName ?? metadataDefaults.streamName,
    tableName: options.tableName ?? base.tableName ?? metadataDefaults.tableName,
    streamTopic: options.streamTopic ?? base.streamTopic,
    tableTopic: options.tableTopic ?? base.tableTopic,
    replicas: options.replicas ?? base.replicas ?? 1,
    auth: base.auth,
    variables: { ...base.variables, ...options.variables },
  };
  const client =
    options.client ??
    createKsqlClient({ url, protocol: 'h2', ...(config.auth ? { auth: config.auth } : {}) });
  let store: Promise<MetadataStore> | undefined;
  return {
    config,
    client,
    store: () => {
      store ??= createMetadataStore(client, config);
      return store;
    },
    log: options.log ?? (() => {}),
    close: async () => {
      if (!options.client) await client.close();
    },
  };
}

/** Runs `body` with an open context and closes it afterwards. */
export async function withContext<T>(
  options: MigrationsOptions,
  body: (ctx: MigrationsContext) => Promise<T>,
): Promise<T> {
  const ctx = openContext(options);
  try {
    return await body(ctx);
  } finally {
    await ctx.close();
  }
}
