import { ErrorCodes, KsqlError } from '../errors.js';

/** The wire body of a ksqlDB error (contract §1.2): no `stackTrace`. */
export type ErrorBody =
  | { '@type': 'generic_error'; error_code: number; message: string }
  | {
      '@type': 'statement_error';
      error_code: number;
      message: string;
      statementText: string;
      entities: unknown[];
    };

/** The message ksqlDB gives for failures it does not explain to clients. */
export const INTERNAL_ERROR_MESSAGE =
  'The server encountered an internal error when processing the query. Please consult the server logs for more information.';

/**
 * The one place where errors become ksqlDB error envelopes. A `KsqlError` keeps its status, code,
 * message and statement; anything else is an internal error (500 / 50000) whose detail stays in
 * the server log.
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof KsqlError) {
    const body: ErrorBody =
      error.kind === 'statement'
        ? {
            '@type': 'statement_error',
            error_code: error.errorCode,
            message: error.message,
            statementText: error.statementText ?? '',
            entities: error.entities,
          }
        : { '@type': 'generic_error', error_code: error.errorCode, message: error.message };
    return { status: error.status, body };
  }
  return {
    status: 500,
    body: { '@type': 'generic_error', error_code: ErrorCodes.SERVER_ERROR, message: INTERNAL_ERROR_MESSAGE },
  };
}

/** A `generic_error` with ksqlDB's code = status × 100 + n. */
export function genericError(status: number, errorCode: number, message: string): KsqlError {
  return new KsqlError(status, errorCode, message, { kind: 'generic' });
}

/** 400 / 40000: the request body is not what the endpoint expects. */
export function badRequest(message: string): KsqlError {
  return genericError(400, ErrorCodes.BAD_REQUEST, message);
}

/** Jackson's wording for a missing required field, as ksqlDB returns it. */
export function missingField(name: string): KsqlError {
  return badRequest(`Invalid JSON in request: Missing required creator property '${name}'`);
}
