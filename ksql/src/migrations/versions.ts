import { MigrationError } from './errors.js';
import type { MigrationFile } from './files.js';
import type { MigrationRecord } from './metadata.js';

/** Which files `apply` should run: exactly one of these. */
export type ApplyTarget = { all: true } | { next: true } | { until: number } | { version: number };

/**
 * The files to apply after the latest migrated version `previous` (0 = none): `all` of them,
 * the `next` one, those `until` v (inclusive), or exactly `version` v. An empty list means nothing
 * is pending (not an error, except for an explicit `version` that is not pending).
 */
export function selectPending(
  files: MigrationFile[],
  previous: number,
  target: ApplyTarget,
): MigrationFile[] {
  const pending = files.filter((f) => f.version > previous);
  if ('all' in target) return pending;
  if ('next' in target) return pending.slice(0, 1);
  if ('until' in target) return pending.filter((f) => f.version <= target.until);
  const file = files.find((f) => f.version === target.version);
  if (!file) throw new MigrationError('MIGRATION_FILE', `No migration file with version ${target.version}`);
  if (file.version <= previous) {
    throw new MigrationError(
      'MIGRATION_FILE',
      `Version ${target.version} ('${file.fileName}') is not pending: the latest migrated version is ${previous}`,
    );
  }
  return [file];
}

/** How long a RUNNING version is taken to mean "another apply is at work" (10 minutes). */
export const defaultRunningTimeoutMs = 10 * 60_000;

/**
 * Tally's rule against concurrent applies (ksql-migrations has none): if the latest state change is
 * a version RUNNING for less than `runningTimeoutMs`, another apply is probably at work, so refuse.
 * An older RUNNING version is taken to be an apply that crashed, and is re-applied (as
 * ksql-migrations does).
 */
export function refuseConcurrentApply(
  current: MigrationRecord | undefined,
  now: number,
  runningTimeoutMs = defaultRunningTimeoutMs,
): void {
  if (current?.state !== 'RUNNING') return;
  const age = now - Number(current.startedOn);
  if (!(age < runningTimeoutMs)) return;
  throw new MigrationError(
    'MIGRATION_CONCURRENT',
    `Version ${current.version} ('${current.name}') has been RUNNING for ${Math.max(0, Math.round(age / 1000))} s: ` +
      'another apply seems to be in progress',
    {
      hint:
        `Wait for it to finish. If it crashed, apply again after ${Math.round(runningTimeoutMs / 60_000)} minutes ` +
        'from its start, or pass --force.',
    },
  );
}

/** What the metadata says about one version, for `validate` and `apply`. */
export type ReadVersion = (version: number) => Promise<MigrationRecord | undefined>;

/**
 * The latest *migrated* version: CURRENT if MIGRATED, else its PREVIOUS (which must be MIGRATED).
 * 0 when nothing was ever migrated.
 */
export async function latestMigrated(
  current: MigrationRecord | undefined,
  read: ReadVersion,
): Promise<number> {
  if (!current) return 0;
  if (current.state === 'MIGRATED') return current.version;
  if (current.previous === '<none>' || current.previous === '') return 0;
  const previous = Number(current.previous);
  const record = await read(previous);
  if (record?.state !== 'MIGRATED') {
    throw new MigrationError(
      'MIGRATION_METADATA',
      `Version ${current.version} is ${current.state} and its previous version ${previous} is ${record?.state ?? 'missing'}, expected MIGRATED`,
    );
  }
  return previous;
}
