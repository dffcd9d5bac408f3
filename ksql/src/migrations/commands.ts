import { type MigrationsOptions, withContext } from './context.js';
import { MigrationError } from './errors.js';
import { listMigrationFiles, type MigrationFile, readMigration } from './files.js';
import { type MetadataStore, type MigrationRecord, NONE } from './metadata.js';
import { executeFile, prepareFile, StatementFailedError } from './run-file.js';
import { validateChain } from './validate.js';
import { type ApplyTarget, latestMigrated, refuseConcurrentApply, selectPending } from './versions.js';

/** Options of `applyMigrations`. */
export interface ApplyOptions extends MigrationsOptions {
  /** Which files (default `{ all: true }`). */
  target?: ApplyTarget;
  /** Print what would run; change nothing. */
  dryRun?: boolean;
  /** Create the metadata stream and table when they are missing (default true here; the CLI asks). */
  initialize?: boolean;
  /** Apply even if a version is RUNNING (see `refuseConcurrentApply`). */
  force?: boolean;
  /** How long a RUNNING version blocks another apply (default 10 minutes). */
  runningTimeoutMs?: number;
}

/** What `applyMigrations` did. */
export interface ApplyResult {
  /** The latest migrated version before this run (0 = none). */
  previous: number;
  /** Versions applied (or that would be, on a dry run), in order. */
  applied: number[];
  dryRun: boolean;
}

/** Fails with a hint when the metadata stream or table is missing. */
async function requireMetadata(store: MetadataStore): Promise<void> {
  const exists = await store.exists();
  if (exists.stream && exists.table) return;
  throw new MigrationError(
    'MIGRATION_METADATA',
    `Migrations metadata is missing: ${[!exists.stream && store.streamName, !exists.table && store.tableName].filter(Boolean).join(' and ')} not found`,
    { hint: 'Run: tally-ksql migrations initialize-metadata (or apply --initialize)' },
  );
}

/** Creates the metadata stream and table (ksql-migrations `initialize-metadata`). */
export function initializeMetadata(options: MigrationsOptions): Promise<void> {
  return withContext(options, async (ctx) => {
    const store = await ctx.store();
    const exists = await store.exists();
    if (exists.stream || exists.table) {
      throw new MigrationError(
        'MIGRATION_METADATA',
        `Migrations metadata already exists (${[exists.stream && store.streamName, exists.table && store.tableName].filter(Boolean).join(', ')})`,
      );
    }
    await store.initialize();
    ctx.log(`Created ${store.streamName} and ${store.tableName}`);
  });
}

/**
 * Applies pending migration files in version order (ksql-migrations `apply`). Each file: RUNNING,
 * then its statements, then MIGRATED — or ERROR with the reason, and the error is thrown. Nothing
 * pending is not an error.
 */
export function applyMigrations(options: ApplyOptions): Promise<ApplyResult> {
  return withContext(options, async (ctx) => {
    const store = await ctx.store();
    const exists = await store.exists();
    if (!exists.stream || !exists.table) {
      if (!(options.initialize ?? true)) {
        throw new MigrationError(
          'MIGRATION_METADATA',
          `Migrations metadata is missing (${store.streamName}/${store.tableName})`,
          {
            hint: 'Run: tally-ksql migrations initialize-metadata (or apply --initialize)',
          },
        );
      }
      if (exists.stream !== exists.table) {
        throw new MigrationError(
          'MIGRATION_METADATA',
          `Only one of ${store.streamName} and ${store.tableName} exists`,
          {
            hint: 'Run destroy-metadata, then initialize-metadata',
          },
        );
      }
      if (!options.dryRun) {
        await store.initialize();
        ctx.log(`Created ${store.streamName} and ${store.tableName}`);
      }
    }
    const files = listMigrationFiles(ctx.config.migrationsDir, ctx.log);
    const fresh = !exists.stream && !exists.table;
    const current = fresh ? undefined : await store.current();
    if (!options.force) refuseConcurrentApply(current, Date.now(), options.runningTimeoutMs);
    const read = (v: number) => store.read(v);
    let previous = await latestMigrated(current, read);
    await validateChain(previous, files, read);
    const pending = selectPending(files, previous, options.target ?? { all: true });
    const result: ApplyResult = { previous, applied: [], dryRun: options.dryRun ?? false };
    if (pending.length === 0) {
      ctx.log(`Nothing to apply: the latest migrated version is ${previous || NONE}`);
      return result;
    }
    for (const file of pending) {
      const { text, checksum } = readMigration(file);
      if (options.dryRun) {
        const prepared = prepareFile(file, text, ctx.config.variables);
        ctx.log(`Would apply ${file.fileName}:`);
        for (const p of prepared) ctx.log(`  ${p.statement.text.replaceAll('\n', '\n  ')}`);
        result.applied.push(file.version);
        continue;
      }
      ctx.log(`Applying ${file.fileName}`);
      const record: MigrationRecord = {
        version: file.version,
        name: file.name,
        state: 'RUNNING',
        checksum,
        startedOn: String(Date.now()),
        completedOn: '',
        previous: previous ? String(previous) : NONE,
        errorReason: 'N/A',
      };
      await store.write(record);
      // Another apply that wrote RUNNING just after us owns the metadata now: leave it to that one.
      const owner = await store.current();
      if (owner && (owner.version !== record.version || owner.startedOn !== record.startedOn)) {
        throw new MigrationError(
          'MIGRATION_CONCURRENT',
          `Another apply started version ${owner.version} while this one was starting ${file.fileName}; stopping`,
        );
      }
      try {
        await executeFile(ctx.client, file, prepareFile(file, text, ctx.config.variables));
      } catch (error) {
        const reason = error instanceof StatementFailedError ? error.reason : String(error);
        await store.write({
          ...record,
          state: 'ERROR',
          completedOn: String(Date.now()),
          errorReason: reason,
        });
        throw error;
      }
      await store.write({ ...record, state: 'MIGRATED', completedOn: String(Date.now()) });
      result.applied.push(file.version);
      previous = file.version;
    }
    return result;
  });
}

/** One line of `info`: a local file and what the metadata says about it. */
export interface MigrationInfoRow {
  version: number;
  name: string;
  fileName: string;
  state: 'PENDING' | MigrationRecord['state'];
  previous: string;
  startedOn: string;
  completedOn: string;
  errorReason: string;
}

/** ksql-migrations `info`: the CURRENT version and the state of every local file. */
export function migrationInfo(
  options: MigrationsOptions,
): Promise<{ current: number | undefined; rows: MigrationInfoRow[] }> {
  return withContext(options, async (ctx) => {
    const store = await ctx.store();
    await requireMetadata(store);
    const current = await store.current();
    const files = listMigrationFiles(ctx.config.migrationsDir, ctx.log);
    const rows = await Promise.all(files.map(async (file) => infoRow(file, await store.read(file.version))));
    return { current: current?.version, rows };
  });
}

function infoRow(file: MigrationFile, record: MigrationRecord | undefined): MigrationInfoRow {
  if (!record) {
    return {
      version: file.version,
      name: file.name,
      fileName: file.fileName,
      state: 'PENDING',
      previous: 'N/A',
      startedOn: 'N/A',
      completedOn: 'N/A',
      errorReason: 'N/A',
    };
  }
  return {
    version: file.version,
    name: record.name,
    fileName: file.fileName,
    state: record.state,
    previous: record.previous,
    startedOn: record.startedOn,
    completedOn: record.completedOn,
    errorReason: record.errorReason,
  };
}

/** ksql-migrations `validate`: the migrated chain matches the local files. Returns checked versions. */
export function validateMigrations(options: MigrationsOptions): Promise<number[]> {
  return withContext(options, async (ctx) => {
    const store = await ctx.store();
    await requireMetadata(store);
    const read = (v: number) => store.read(v);
    const latest = await latestMigrated(await store.current(), read);
    return validateChain(latest, listMigrationFiles(ctx.config.migrationsDir, ctx.log), read);
  });
}

/** ksql-migrations `destroy-metadata`: drops the metadata table and stream (not the migrations). */
export function destroyMetadata(options: MigrationsOptions): Promise<string[]> {
  return withContext(options, async (ctx) => (await ctx.store()).destroy());
}
