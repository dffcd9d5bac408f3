import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlError } from './errors.js';

/** One forward-only migration file, `NNNN_description.sql`. */
export interface MigrationFile {
  version: number;
  /** The file name, e.g. `0002_create_voters.sql`. */
  file: string;
  sql: string;
  /** sha256 of the file's text (line endings normalised), recorded when it is applied. */
  checksum: string;
}

/** The folder of Tally's own migrations (`sql/migrations`, beside `src/` and `dist/`). */
export const defaultMigrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

const namePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** sha256 of a migration's text; CRLF and LF checkouts give the same checksum. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Reads the migrations of `dir`, ordered by version. Every `.sql` file must be named
 * `NNNN_lower_snake.sql` and versions must be unique, so the order is never ambiguous.
 */
export function loadMigrations(dir: string = defaultMigrationsDir): MigrationFile[] {
  const files = readdirSync(dir).filter((file) => file.endsWith('.sql'));
  const byVersion = new Map<number, MigrationFile>();
  for (const file of files) {
    const match = namePattern.exec(file);
    if (!match) {
      throw new SqlError(
        'MIGRATION_NAME_INVALID',
        `Expected a migration named NNNN_name.sql, found "${file}"`,
        {
          detail: `in ${dir}`,
          hint: 'Name migrations with a four-digit version and lower_snake_case words, e.g. 0004_add_index.sql.',
        },
      );
    }
    const version = Number(match[1]);
    const previous = byVersion.get(version);
    if (previous) {
      throw new SqlError(
        'MIGRATION_DUPLICATE_VERSION',
        `Expected one migration per version, found "${previous.file}" and "${file}" for version ${version}`,
      );
    }
    const sql = readFileSync(join(dir, file), 'utf8');
    byVersion.set(version, { version, file, sql, checksum: checksumOf(sql) });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}
