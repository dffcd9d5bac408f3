import { MigrationError } from './errors.js';
import { type MigrationFile, readMigration } from './files.js';
import { NONE } from './metadata.js';
import type { ReadVersion } from './versions.js';

/**
 * ksql-migrations' `validate`: from the latest migrated version, walk the PREVIOUS links back to
 * `<none>`. Every version on the chain must be MIGRATED, have a local file, and that file's MD5
 * must equal the stored checksum. Returns the versions checked (newest first).
 */
export async function validateChain(
  latest: number,
  files: MigrationFile[],
  read: ReadVersion,
): Promise<number[]> {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const checked: number[] = [];
  let version = latest;
  while (version > 0) {
    const record = await read(version);
    if (!record) throw new MigrationError('MIGRATION_VALIDATE', `Version ${version} has no metadata`);
    if (record.state !== 'MIGRATED') {
      throw new MigrationError(
        'MIGRATION_VALIDATE',
        `Version ${version} is ${record.state}, expected MIGRATED`,
      );
    }
    const file = byVersion.get(version);
    if (!file) {
      throw new MigrationError(
        'MIGRATION_VALIDATE',
        `Version ${version} ('${record.name}') is migrated but has no local file`,
      );
    }
    const local = readMigration(file).checksum;
    if (local !== record.checksum) {
      throw new MigrationError(
        'MIGRATION_VALIDATE',
        `'${file.fileName}' changed since it was applied: expected checksum ${record.checksum}, found ${local}`,
      );
    }
    checked.push(version);
    version = record.previous === NONE || record.previous === '' ? 0 : Number(record.previous);
  }
  return checked;
}
