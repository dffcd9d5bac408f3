import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from './errors.js';

/** A local migration file `V000001__create_votes.sql`. */
export interface MigrationFile {
  version: number;
  /** Group 2 of the name with `_` replaced by spaces (`create votes`). */
  name: string;
  fileName: string;
  path: string;
}

/** ksql-migrations' file-name rule: `V` + 6 digits + `__` + description + `.sql`. */
export const migrationFileName = /^V([0-9]{6})__(.+)\.sql$/;

/**
 * Lists the migration files of `dir` in version order. Names that don't match are reported through
 * `warn` and skipped; version 0 and duplicate versions are errors (as in ksql-migrations).
 */
export function listMigrationFiles(dir: string, warn: (message: string) => void = () => {}): MigrationFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new MigrationError('MIGRATION_FILE', `Migrations directory '${dir}' cannot be read`, {
      cause: error,
    });
  }
  const files: MigrationFile[] = [];
  const seen = new Map<number, string>();
  for (const fileName of names) {
    const match = migrationFileName.exec(fileName);
    if (!match) {
      warn(`Skipping '${fileName}': expected a name like V000001__description.sql`);
      continue;
    }
    const version = Number(match[1]);
    if (version === 0) throw new MigrationError('MIGRATION_FILE', `'${fileName}': version must be > 0`);
    const other = seen.get(version);
    if (other) {
      throw new MigrationError(
        'MIGRATION_FILE',
        `Duplicate version ${version}: '${other}' and '${fileName}'`,
      );
    }
    seen.set(version, fileName);
    files.push({ version, name: match[2]!.replaceAll('_', ' '), fileName, path: join(dir, fileName) });
  }
  return files.sort((a, b) => a.version - b.version);
}

/** Lower-case hex MD5 of the file's raw bytes: the `CHECKSUM` column of the metadata. */
export function checksum(bytes: Buffer | string): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Reads a migration file: its text and its checksum (of the exact bytes). */
export function readMigration(file: MigrationFile): { text: string; checksum: string } {
  const bytes = readFileSync(file.path);
  return { text: bytes.toString('utf8'), checksum: checksum(bytes) };
}

/** `V000042__add_votes.sql` for version 42 and description `add votes`. */
export function fileNameFor(version: number, description: string): string {
  return `V${String(version).padStart(6, '0')}__${description.trim().replaceAll(' ', '_')}.sql`;
}
