import type { Logger } from '@tally/common';
import type { RunningQuery } from '../executor/engine.js';
import { toErrorResponse } from './errors.js';
import type { QueryFraming } from './framing.js';
import { finish, isGone, type Response, writeChunk } from './http.js';

/**
 * Streams a running query into a response: status 200 and the header at once, then each row as
 * the engine yields it. Rows are pulled only when the client's buffer has room (back-pressure);
 * a client that disconnects closes the query; a failure after the header becomes the framing's
 * in-stream error. Always closes the query.
 */
export async function streamQuery(
  response: Response,
  query: RunningQuery,
  framing: QueryFraming,
  logger: Logger,
  onRow: () => void = () => undefined,
): Promise<void> {
  // 'close' = the exchange is over (finished, disconnected, or an HTTP/2 RST_STREAM): stop the query.
  // (Node's HTTP/2 compatibility response reports `writableFinished` true even on a reset.)
  const onClose = () => void query.close().catch(() => undefined);
  response.on('close', onClose);
  try {
    response.writeHead(200, { 'content-type': framing.contentType });
    if (!(await writeChunk(response, framing.header(query)))) return;
    try {
      for await (const row of query.rows) {
        const chunk = framing.row(row);
        if (chunk === undefined) continue;
        if (!(await writeChunk(response, chunk))) return;
        onRow();
      }
    } catch (error) {
      logger.warn({ err: error, queryId: query.queryId }, 'query failed while streaming');
      if (!isGone(response)) finish(response, framing.error(toErrorResponse(error).body));
      return;
    }
    if (!isGone(response)) finish(response, framing.end(query.end()));
  } finally {
    response.off('close', onClose);
    await query
      .close()
      .catch((error: unknown) => logger.warn({ err: error, queryId: query.queryId }, 'close failed'));
  }
}
