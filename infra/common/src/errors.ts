/** Options carried by every Tally error: what went wrong in detail, what to do, and the cause. */
export interface TallyErrorOptions {
  detail?: string;
  hint?: string;
  cause?: unknown;
}

/**
 * Base error of Tally's packages: a stable machine-readable `code`, a message that says what was
 * expected and what was found, and optional `detail` and `hint`.
 */
export class TallyError extends Error {
  readonly code: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: TallyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.detail = options.detail;
    this.hint = options.hint;
  }
}
