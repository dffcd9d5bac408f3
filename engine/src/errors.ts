/**
 * The engine's one error type. Every failure that reaches a client carries ksqlDB's wire shape:
 * an HTTP status, an `error_code` (status × 100 + n) and, for statement errors, the statement.
 * Layers throw it; only `server/` turns it into a response body.
 */
export class KsqlError extends Error {
  readonly status: number;
  readonly errorCode: number;
  /** `statement_error` bodies carry the failing statement and the entities produced before it. */
  readonly kind: 'statement' | 'generic';
  readonly statementText: string | undefined;
  readonly entities: unknown[];

  constructor(
    status: number,
    errorCode: number,
    message: string,
    options: {
      kind?: 'statement' | 'generic';
      statementText?: string;
      entities?: unknown[];
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KsqlError';
    this.status = status;
    this.errorCode = errorCode;
    this.kind = options.kind ?? (options.statementText === undefined ? 'generic' : 'statement');
    this.statementText = options.statementText;
    this.entities = options.entities ?? [];
  }
}

/** ksqlDB's error codes (contract §1.2). */
export const ErrorCodes = {
  BAD_REQUEST: 40000,
  BAD_STATEMENT: 40001,
  QUERY_ENDPOINT: 40002,
  MAX_PUSH_QUERIES: 40003,
  HTTP2_ONLY: 40004,
  UNAUTHORIZED: 40100,
  NOT_FOUND: 40400,
  PAYLOAD_TOO_LARGE: 41300,
  SCHEMA_REGISTRY_NEEDED: 42801,
  SERVER_ERROR: 50000,
  COMMAND_SEQUENCE_TIMEOUT: 50301,
  SERVER_NOT_READY: 50302,
  SERVER_SHUTTING_DOWN: 50303,
} as const;

/** A statement that fails to parse, validate or execute: 400 / 40001 with the statement text. */
export function statementError(message: string, statementText: string, entities: unknown[] = []): KsqlError {
  return new KsqlError(400, ErrorCodes.BAD_STATEMENT, message, {
    kind: 'statement',
    statementText,
    entities,
  });
}
