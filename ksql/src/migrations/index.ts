export {
  type ApplyOptions,
  type ApplyResult,
  applyMigrations,
  destroyMetadata,
  initializeMetadata,
  type MigrationInfoRow,
  migrationInfo,
  validateMigrations,
} from './commands.js';
export { loadConfig, type MigrationConfig } from './config.js';
export type { MigrationsOptions } from './context.js';
export { electionMigrations } from './election.js';
export { MigrationError } from './errors.js';
export { checksum, listMigrationFiles, type MigrationFile } from './files.js';
export type { MigrationRecord, MigrationState } from './metadata.js';
export { createMigration, newProject } from './project.js';
export { splitStatements } from './split.js';
export type { ApplyTarget } from './versions.js';
