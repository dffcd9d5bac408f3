import type { Logger } from '@tally/common';
import type { RunningQuery } from '../executor/engine.js';
import { toErrorResponse } from './errors.js';
import type { QueryFraming } from './framing.js';
import { finish, isGone, type Response, waitForDrain, writeChunk } from './http.js';

/** Rows gathered beyond this many characters are written at once, without waiting for the turn's end. */
const FLUSH_AT = 64 * 1024;

/**
 * Gathers the rows of one event-loop turn into one write. A batch of Kafka records yields all its
 * rows within a turn (the tail hands the batch over at once), so written one by one they would be
 * one HTTP/1.1 chunk (a syscall) or HTTP/2 DATA frame each; gathered, they leave together right
 * after the turn (`setImmediate`: no added wait), or as soon as 64 KiB have gathered. Back-pressure
 * is kept: while a write waits for 'drain', `add` waits too, so the query's bounded queue fills
 * and the tail stops reading.
 */
class RowWriter {
  #parts: string[] = [];
  #size = 0;
  #scheduled: NodeJS.Immediate | undefined;
  /** Set while the socket's buffer is full: resolves true on 'drain', false if the client left. */
  #drained: Promise<boolean> | undefined;

  constructor(private readonly response: Response) {}

  /**
   * Queues a row's text; false once the client has gone. Answers at once unless the socket's
   * buffer is full (no promise per row: a pull query may write a million).
   */
  add(text: string): boolean | Promise<boolean> {
    const drained = this.#drained;
    if (drained) return drained.then((ok) => ok && this.add(text));
    if (isGone(this.response)) return false;
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size >= FLUSH_AT) return this.flush();
    this.#scheduled ??= setImmediate(() => {
      this.#scheduled = undefined;
      void this.flush();
    });
    return true;
  }

  /** Writes what has gathered; resolves false if the client has gone. */
  async flush(): Promise<boolean> {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#drained && !(await this.#drained)) return false;
    if (isGone(this.response)) return false;
    if (this.#parts.length === 0) return true;
    const text = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if ((this.response as { write(chunk: string): boolean }).write(text)) return true;
    const drained = waitForDrain(this.response);
    this.#drained = drained;
    const ok = await drained;
    if (this.#drained === drained) this.#drained = undefined;
    return ok;
  }
}

/**
 * Streams a running query into a response: status 200 and the header at once, then the rows as
 * the engine yields them, those of one event-loop turn in one write (`RowWriter`). Rows are pulled
 * only when the client's buffer has room (back-pressure); a client that disconnects closes the
 * query; a failure after the header becomes the framing's in-stream error. Always closes the query.
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
    const rows = new RowWriter(response);
    try {
      for await (const row of query.rows) {
        const chunk = framing.row(row);
        if (chunk === undefined) continue;
        const added = rows.add(chunk);
        if (added !== true && !(await added)) return;
        onRow();
      }
    } catch (error) {
      logger.warn({ err: error, queryId: query.queryId }, 'query failed while streaming');
      if ((await rows.flush()) && !isGone(response))
        finish(response, framing.error(toErrorResponse(error).body));
      return;
    }
    if ((await rows.flush()) && !isGone(response)) finish(response, framing.end(query.end()));
  } finally {
    response.off('close', onClose);
    await query
      .close()
      .catch((error: unknown) => logger.warn({ err: error, queryId: query.queryId }, 'close failed'));
  }
}
