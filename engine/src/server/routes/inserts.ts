import { parse } from 'lossless-json';
import { ErrorCodes, KsqlError } from '../../errors.js';
import { negotiate } from '../accept.js';
import type { Route } from '../context.js';
import { badRequest, genericError, missingField } from '../errors.js';
import { finish, isGone, isHttp2, MediaTypes, readLines, sendText, writeChunk } from '../http.js';
import { parseJsonObject } from '../request-body.js';

/** The per-row error of `/inserts-stream` (five fields), after which the response ends. */
function rowError(seq: number, error: unknown) {
  const known = error instanceof KsqlError;
  return {
    '@type': 'generic_error',
    error_code: known ? error.errorCode : ErrorCodes.SERVER_ERROR,
    message: known ? error.message : 'Error in processing inserts. Check server logs for details.',
    status: 'error',
    seq,
  };
}

/** One row line, numbers kept lossless (BIGINT and DECIMAL values must not pass through a double). */
function parseRow(line: string): Record<string, unknown> {
  const value = parse(line);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/**
 * `POST /inserts-stream` (HTTP/2 only): a newline-delimited body whose first line names the target
 * (`{"target":"VOTES"}`) and whose next lines are rows. Each row is inserted in order and
 * acknowledged `{"status":"ok","seq":n}`; the first failing row gets the 5-field error and ends
 * the response. The client ends its body to finish.
 */
export const insertsStreamRoute: Route = {
  method: 'POST',
  path: '/inserts-stream',
  endpoint: '/inserts-stream',
  handle: async (request, response, { engine, logger, limits }) => {
    if (!isHttp2(request)) {
      throw genericError(400, ErrorCodes.HTTP2_ONLY, 'This endpoint is only available when using HTTP2');
    }
    const accepted = negotiate(
      request.headers.accept,
      [MediaTypes.delimited, MediaTypes.json],
      MediaTypes.delimited,
    );
    if (!accepted) return sendText(response, 406, 'Not Acceptable');
    const lines = readLines(request, limits.maxRequestBytes);
    let first = await lines.next();
    while (!first.done && first.value.trim() === '') first = await lines.next();
    if (first.done) throw missingField('target');
    const args = parseJsonObject(first.value);
    if (typeof args['target'] !== 'string') throw missingField('target');
    const properties = args['properties'];
    const target = await engine.openInsertTarget(
      args['target'],
      properties && typeof properties === 'object' ? (properties as Record<string, unknown>) : undefined,
    );

    const asArray = accepted === MediaTypes.json;
    response.writeHead(200, { 'content-type': accepted });
    let seq = 0;
    let separator = asArray ? '[' : '';
    const emit = (body: unknown) => {
      const chunk = `${separator}${JSON.stringify(body)}${asArray ? '' : '\n'}`;
      if (asArray) separator = ',';
      return writeChunk(response, chunk);
    };
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let row: Record<string, unknown>;
      try {
        row = parseRow(line);
      } catch {
        await emit(rowError(seq, badRequest('Invalid JSON in inserts stream')));
        break;
      }
      try {
        await target.insert(row);
      } catch (error) {
        if (!(error instanceof KsqlError)) logger.error({ err: error, seq }, 'insert failed');
        await emit(rowError(seq, error));
        break;
      }
      if (!(await emit({ status: 'ok', seq }))) return;
      seq += 1;
    }
    if (!isGone(response)) finish(response, asArray ? (separator === '[' ? '[]' : ']') : '');
  },
};
