export { connectCreatingDatabase, quoteIdentifier } from './database.js';
export { SqlError, type SqlErrorCode } from './errors.js';
export { checksumOf, defaultMigrationsDir, loadMigrations, type MigrationFile } from './migration-files.js';
export {
  type MigrateOptions,
  type MigrateResult,
  type MigrationStatus,
  migrate,
  migrationStatus,
  migrationsTable,
} from './runner.js';
