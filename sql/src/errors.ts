import { TallyError, type TallyErrorOptions } from '@tally/common';

/** Codes of the migration runner's failures. */
export type SqlErrorCode =
  | 'MIGRATION_NAME_INVALID'
  | 'MIGRATION_DUPLICATE_VERSION'
  | 'MIGRATION_CHANGED'
  | 'MIGRATION_FAILED'
  | 'DATABASE_UNREACHABLE';

/** A failure of `@tally/sql`: a bad migration folder, an edited migration, or a failed statement. */
export class SqlError extends TallyError {
  declare readonly code: SqlErrorCode;

  constructor(code: SqlErrorCode, message: string, options: TallyErrorOptions = {}) {
    super(code, message, options);
  }
}
