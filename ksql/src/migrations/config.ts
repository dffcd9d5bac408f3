import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MigrationError } from './errors.js';

/** Everything a migrations command needs to know, from the properties file, env and options. */
export interface MigrationConfig {
  /** ksqlDB URL: `KSQLDB_URL` when set, else `ksql.server.url`. */
  url: string;
  migrationsDir: string;
  /** `ksql.migrations.stream.name` (default `MIGRATION_EVENTS`). */
  streamName: string;
  /** `ksql.migrations.table.name` (default `MIGRATION_SCHEMA_VERSIONS`). */
  tableName: string;
  /** Topic names; undefined = `<serviceId>ksql_<name>` (resolved once /info is known). */
  streamTopic: string | undefined;
  tableTopic: string | undefined;
  replicas: number;
  auth: { username: string; password: string } | undefined;
  /** Default variables (`tally.define.<name>=value`, a Tally extension); `-d` overrides them. */
  variables: Record<string, string>;
}

/** The metadata names used when nothing is configured. */
export const metadataDefaults = { streamName: 'MIGRATION_EVENTS', tableName: 'MIGRATION_SCHEMA_VERSIONS' };

/** Parses a Java-style properties file: `key=value` or `key: value`, `#`/`!` comments. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    if (at < 0) out.set(line, '');
    else out.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return out;
}

/**
 * Loads `ksql-migrations.properties`. `KSQLDB_URL` (from `env`) overrides `ksql.server.url`, so the
 * same project migrates the embedded engine or a real ksqlDB. The migrations directory is
 * `ksql.migrations.dir.override` or `migrations/` beside the file.
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): MigrationConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MigrationError('MIGRATION_CONFIG', `Cannot read config file '${file}'`, {
      cause: error,
      hint: 'Create one with: tally-ksql migrations new-project <dir> <url>',
    });
  }
  const props = parseProperties(text);
  const url = env['KSQLDB_URL'] || props.get('ksql.server.url');
  if (!url) {
    throw new MigrationError(
      'MIGRATION_CONFIG',
      `'${file}' has no ksql.server.url and KSQLDB_URL is not set`,
    );
  }
  const dirOverride = props.get('ksql.migrations.dir.override');
  const base = dirname(resolve(file));
  const username = props.get('ksql.auth.basic.username');
  const variables: Record<string, string> = {};
  for (const [key, value] of props) {
    if (key.startsWith('tally.define.')) variables[key.slice('tally.define.'.length)] = value;
  }
  return {
    url,
    migrationsDir: dirOverride
      ? isAbsolute(dirOverride)
        ? dirOverride
        : join(base, dirOverride)
      : join(base, 'migrations'),
    streamName: props.get('ksql.migrations.stream.name') || metadataDefaults.streamName,
    tableName: props.get('ksql.migrations.table.name') || metadataDefaults.tableName,
    streamTopic: props.get('ksql.migrations.stream.topic.name') || undefined,
    tableTopic: props.get('ksql.migrations.table.topic.name') || undefined,
    replicas: Number(props.get('ksql.migrations.topic.replicas') || 1),
    auth: username ? { username, password: props.get('ksql.auth.basic.password') ?? '' } : undefined,
    variables,
  };
}

/** The properties file `new-project` writes (the keys ksql-migrations knows, with defaults). */
export function defaultPropertiesFile(url: string): string {
  return [
    `ksql.server.url=${url}`,
    '# ksql.auth.basic.username=',
    '# ksql.auth.basic.password=',
    `# ksql.migrations.stream.name=${metadataDefaults.streamName}`,
    `# ksql.migrations.table.name=${metadataDefaults.tableName}`,
    '# ksql.migrations.stream.topic.name=<serviceId>ksql_MIGRATION_EVENTS',
    '# ksql.migrations.table.topic.name=<serviceId>ksql_MIGRATION_SCHEMA_VERSIONS',
    '# ksql.migrations.topic.replicas=1',
    '# ksql.migrations.dir.override=',
    '# Tally extension: default values of variables (-d name=value overrides them).',
    '# tally.define.<name>=<value>',
    '',
  ].join('\n');
}
