import { TallyError, type TallyErrorOptions } from '@tally/common';

/**
 * A migrations failure that the CLI prints as is: a bad file, a statement the server refused, a
 * metadata inconsistency, a concurrent apply. `code` names the class (`MIGRATION_FILE`,
 * `MIGRATION_STATEMENT`, `MIGRATION_METADATA`, `MIGRATION_CONCURRENT`, `MIGRATION_VALIDATE`,
 * `MIGRATION_CONFIG`).
 */
export class MigrationError extends TallyError {
  constructor(code: string, message: string, options: TallyErrorOptions = {}) {
    super(code, message, options);
  }
}
