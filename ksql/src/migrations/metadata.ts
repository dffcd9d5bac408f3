import { setTimeout as delay } from 'node:timers/promises';
import type { KsqlClient, KsqlValue } from '../client/types.js';
import { KsqlClientError } from '../errors.js';
import type { MigrationConfig } from './config.js';
import { MigrationError } from './errors.js';

/** States stored in the metadata (`PENDING` exists only in `info` output). */
export type MigrationState = 'RUNNING' | 'MIGRATED' | 'ERROR';

/** One row of `MIGRATION_SCHEMA_VERSIONS`, with ksql-migrations' string conventions. */
export interface MigrationRecord {
  version: number;
  name: string;
  state: MigrationState;
  /** Lower-case hex MD5 of the file. */
  checksum: string;
  /** Epoch millis as a string. */
  startedOn: string;
  /** Epoch millis for MIGRATED/ERROR, `""` while RUNNING. */
  completedOn: string;
  /** The previously migrated version, or `<none>`. */
  previous: string;
  /** `N/A` unless ERROR. */
  errorReason: string;
}

/** `PREVIOUS` of the first migration. */
export const NONE = '<none>';

/** Reads and writes the migrations metadata stream and table, as ksql-migrations lays them out. */
export interface MetadataStore {
  readonly streamName: string;
  readonly tableName: string;
  exists(): Promise<{ stream: boolean; table: boolean }>;
  /** Creates the stream and the table (fails if they exist). */
  initialize(): Promise<void>;
  /** The CURRENT row: the latest state change of any version. */
  current(): Promise<MigrationRecord | undefined>;
  read(version: number): Promise<MigrationRecord | undefined>;
  /** Writes the two rows (`CURRENT` and the version) and waits until the table shows them. */
  write(record: MigrationRecord): Promise<void>;
  /** Terminates the table's query and drops the table and the stream with their topics. */
  destroy(): Promise<string[]>;
}

const columns = 'VERSION, NAME, STATE, CHECKSUM, STARTED_ON, COMPLETED_ON, PREVIOUS, ERROR_REASON';

/** Creates the store; topic names default to `<serviceId>ksql_<name>` (serviceId from /info). */
export async function createMetadataStore(
  client: KsqlClient,
  config: MigrationConfig,
): Promise<MetadataStore> {
  const { streamName, tableName } = config;
  const serviceId = config.streamTopic && config.tableTopic ? '' : (await client.info()).ksqlServiceId;
  const streamTopic = config.streamTopic ?? `${serviceId}ksql_${streamName}`;
  const tableTopic = config.tableTopic ?? `${serviceId}ksql_${tableName}`;

  const describe = async (name: string): Promise<Record<string, unknown> | undefined> => {
    try {
      const [entity] = await client.execute(`DESCRIBE ${name};`);
      return entity?.['sourceDescription'] as Record<string, unknown> | undefined;
    } catch (error) {
      if (error instanceof KsqlClientError && error.errorCode === 40001) return undefined;
      throw error;
    }
  };

  const readKey = async (key: string): Promise<MigrationRecord | undefined> => {
    const result = await client.pull(`SELECT ${columns} FROM ${tableName} WHERE VERSION_KEY = '${key}';`);
    const row = result.rows[0];
    if (!row) return undefined;
    const byName = new Map(result.header.columns.map((c, i) => [c.name.toUpperCase(), row[i]]));
    const text = (name: string): string => str(byName.get(name));
    return {
      version: Number(text('VERSION')),
      name: text('NAME'),
      state: text('STATE') as MigrationState,
      checksum: text('CHECKSUM'),
      startedOn: text('STARTED_ON'),
      completedOn: text('COMPLETED_ON'),
      previous: text('PREVIOUS'),
      errorReason: text('ERROR_REASON'),
    };
  };

  const insertRows = async (record: MigrationRecord): Promise<void> => {
    const value = {
      VERSION: String(record.version),
      NAME: record.name,
      STATE: record.state,
      CHECKSUM: record.checksum,
      STARTED_ON: record.startedOn,
      COMPLETED_ON: record.completedOn,
      PREVIOUS: record.previous,
      ERROR_REASON: record.errorReason,
    };
    const rows = [
      { VERSION_KEY: 'CURRENT', ...value },
      { VERSION_KEY: String(record.version), ...value },
    ];
    try {
      await client.insert(streamName, rows);
    } catch (error) {
      // Behind an HTTP/1.1-only hop /inserts-stream is refused (40004): INSERT … VALUES does the same.
      if (!(error instanceof KsqlClientError) || error.errorCode !== 40004) throw error;
      for (const row of rows) {
        const names = Object.keys(row).join(', ');
        const values = Object.values(row)
          .map((v) => `'${v.replaceAll("'", "''")}'`)
          .join(', ');
        await client.execute(`INSERT INTO ${streamName} (${names}) VALUES (${values});`);
      }
    }
  };

  const shows = (found: MigrationRecord | undefined, record: MigrationRecord): boolean =>
    found !== undefined &&
    found.version === record.version &&
    found.state === record.state &&
    found.startedOn === record.startedOn;

  return {
    streamName,
    tableName,
    async exists() {
      const [stream, table] = await Promise.all([describe(streamName), describe(tableName)]);
      return { stream: stream !== undefined, table: table !== undefined };
    },
    async initialize() {
      await client.execute(
        `CREATE STREAM ${streamName} (\n  VERSION_KEY STRING KEY,\n  VERSION STRING,\n  NAME STRING,\n  STATE STRING,\n` +
          '  CHECKSUM STRING,\n  STARTED_ON STRING,\n  COMPLETED_ON STRING,\n  PREVIOUS STRING,\n  ERROR_REASON STRING\n' +
          `) WITH (KAFKA_TOPIC='${streamTopic}', VALUE_FORMAT='JSON', PARTITIONS=1, REPLICAS=${config.replicas});`,
      );
      await client.execute(
        `CREATE TABLE ${tableName}\n  WITH (KAFKA_TOPIC='${tableTopic}')\n  AS SELECT\n    VERSION_KEY,\n` +
          '    LATEST_BY_OFFSET(VERSION) AS VERSION,\n    LATEST_BY_OFFSET(NAME) AS NAME,\n' +
          '    LATEST_BY_OFFSET(STATE) AS STATE,\n    LATEST_BY_OFFSET(CHECKSUM) AS CHECKSUM,\n' +
          '    LATEST_BY_OFFSET(STARTED_ON) AS STARTED_ON,\n    LATEST_BY_OFFSET(COMPLETED_ON) AS COMPLETED_ON,\n' +
          '    LATEST_BY_OFFSET(PREVIOUS) AS PREVIOUS,\n    LATEST_BY_OFFSET(ERROR_REASON) AS ERROR_REASON\n' +
          `  FROM ${streamName}\n  GROUP BY VERSION_KEY;`,
        { properties: { 'auto.offset.reset': 'earliest' } },
      );
    },
    current: () => readKey('CURRENT'),
    read: (version) => readKey(String(version)),
    async write(record) {
      await insertRows(record);
      // Pull queries read the materialised table: wait until both rows are visible (≤ 10 s).
      for (let attempt = 0; attempt < 50; attempt++) {
        const [current, own] = await Promise.all([readKey('CURRENT'), readKey(String(record.version))]);
        if (shows(own, record) && current !== undefined) return;
        await delay(200);
      }
      throw new MigrationError(
        'MIGRATION_METADATA',
        `Wrote state ${record.state} for version ${record.version} to ${streamName}, but ${tableName} did not show it within 10 s`,
      );
    },
    async destroy() {
      const done: string[] = [];
      const table = await describe(tableName);
      if (table) {
        for (const query of (table['writeQueries'] as { id?: string }[] | undefined) ?? []) {
          if (!query.id) continue;
          await client.execute(`TERMINATE ${query.id};`);
          done.push(`Terminated query ${query.id}`);
        }
        await client.execute(`DROP TABLE ${tableName} DELETE TOPIC;`);
        done.push(`Dropped table ${tableName}`);
      }
      if (await describe(streamName)) {
        await client.execute(`DROP STREAM ${streamName} DELETE TOPIC;`);
        done.push(`Dropped stream ${streamName}`);
      }
      return done;
    },
  };
}

function str(value: KsqlValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}
