import { TallyError } from '@tally/common';

/** What a `KsqlClientError` carries besides its message. */
export interface KsqlClientErrorOptions {
  /** HTTP status, or 0 when no response was received (connection failure, timeout). */
  status: number;
  /** ksqlDB's `error_code` (HTTP status × 100 + n), or 0 when the server sent none. */
  errorCode: number;
  /** The failing statement, for statement errors. */
  statementText?: string | undefined;
  /** True when the request certainly had no effect and may be sent again (503, connection refused). */
  retriable?: boolean;
  cause?: unknown;
  hint?: string;
  /** Overrides the class derived from status and errorCode (e.g. `KSQL_TIMEOUT`). */
  code?: string;
}

/**
 * An error from ksqlDB or from reaching it. `errorCode` is ksqlDB's own code (40001 bad statement,
 * 40002 SELECT sent to /ksql, 40004 needs HTTP/2, 50000 server error, 5030x unavailable); `code` is
 * a Tally code naming the class (`KSQL_STATEMENT`, `KSQL_REQUEST`, `KSQL_SERVER`, `KSQL_UNAVAILABLE`,
 * `KSQL_CONNECTION`, `KSQL_TIMEOUT`, `KSQL_PROTOCOL`, `KSQL_ABORTED`).
 */
export class KsqlClientError extends TallyError {
  readonly status: number;
  readonly errorCode: number;
  readonly statementText: string | undefined;
  readonly retriable: boolean;

  constructor(message: string, options: KsqlClientErrorOptions) {
    super(options.code ?? classify(options.status, options.errorCode), message, {
      cause: options.cause,
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.status = options.status;
    this.errorCode = options.errorCode;
    this.statementText = options.statementText;
    this.retriable = options.retriable ?? false;
  }
}

function classify(status: number, errorCode: number): string {
  if (status === 0) return 'KSQL_CONNECTION';
  if (errorCode === 40001 || errorCode === 40002) return 'KSQL_STATEMENT';
  if (status === 503) return 'KSQL_UNAVAILABLE';
  if (status >= 500) return 'KSQL_SERVER';
  return 'KSQL_REQUEST';
}

/** Builds the error for a ksqlDB error envelope (`{"@type","error_code","message",...}`). */
export function errorFromEnvelope(status: number, body: unknown): KsqlClientError {
  if (body !== null && typeof body === 'object' && 'message' in body) {
    const envelope = body as { error_code?: unknown; message?: unknown; statementText?: unknown };
    const errorCode = Number(envelope.error_code ?? status * 100);
    return new KsqlClientError(String(envelope.message), {
      status,
      errorCode,
      statementText: typeof envelope.statementText === 'string' ? envelope.statementText : undefined,
      retriable: status === 503,
    });
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new KsqlClientError(`ksqlDB answered HTTP ${status}: ${text.slice(0, 500)}`, {
    status,
    errorCode: status * 100,
    retriable: status === 503,
  });
}
