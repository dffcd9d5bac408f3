/**
 * Maps whatever a statement threw to the error a client gets: a `KsqlError` as is, validation and
 * syntax errors as statement errors, anything else logged and then a statement error too.
 */
import type { Logger } from '@tally/common';
import { KsqlTypeError } from '../analyzer/index.js';
import { KsqlError, statementError } from '../errors.js';
import { SqlSyntaxError } from '../syntax/index.js';

/** The client-facing error of a failed statement; `entities` are those produced before it. */
export function toKsqlError(e: unknown, text: string, entities: unknown[], logger: Logger): KsqlError {
  if (e instanceof KsqlError) return e;
  if (e instanceof KsqlTypeError || e instanceof SqlSyntaxError)
    return statementError(e.message, text, entities);
  logger.error({ err: e, statement: text }, 'statement failed');
  return statementError((e as Error).message ?? String(e), text, entities);
}
