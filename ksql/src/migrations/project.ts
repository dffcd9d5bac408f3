import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPropertiesFile } from './config.js';
import { MigrationError } from './errors.js';
import { fileNameFor, listMigrationFiles } from './files.js';

/** `new-project <dir> <url>`: `<dir>/ksql-migrations.properties` and an empty `<dir>/migrations/`. */
export function newProject(dir: string, url: string): string {
  const file = join(dir, 'ksql-migrations.properties');
  if (existsSync(file)) throw new MigrationError('MIGRATION_CONFIG', `'${file}' already exists`);
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  writeFileSync(file, defaultPropertiesFile(url));
  return file;
}

/**
 * `create [-v N] <description>`: an empty `V<N>__<description>.sql`; N defaults to the highest
 * existing version + 1 and must be in 1..999999 and unused.
 */
export function createMigration(migrationsDir: string, description: string, version?: number): string {
  if (description.trim() === '')
    throw new MigrationError('MIGRATION_FILE', 'A migration needs a description');
  const files = listMigrationFiles(migrationsDir);
  const n = version ?? (files.at(-1)?.version ?? 0) + 1;
  if (!Number.isInteger(n) || n < 1 || n > 999_999) {
    throw new MigrationError('MIGRATION_FILE', `Version must be in 1..999999, found ${n}`);
  }
  const taken = files.find((f) => f.version === n);
  if (taken) throw new MigrationError('MIGRATION_FILE', `Version ${n} already exists: '${taken.fileName}'`);
  const path = join(migrationsDir, fileNameFor(n, description));
  writeFileSync(path, '');
  return path;
}
