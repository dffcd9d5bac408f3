import type { Logger } from '@tally/common';
import { ErrorCodes } from '../errors.js';
import type { RunningQuery } from '../executor/engine.js';
import { toErrorResponse } from './errors.js';
import type { QueryFraming } from './framing.js';
import { finish, isGone, type Response, waitForDrain, writeChunk } from './http.js';

/** Resolves with the drain's answer, or 'stalled' when the client has not read for `timeoutMs`. */
function drainWithin(response: Response, timeoutMs: number): Promise<boolean | 'stalled'> {
  const drained = waitForDrain(response);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return drained;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), timeoutMs);
  });
  return Promise.race([drained, stalled]).finally(() => clearTimeout(timer));
}

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
  /** True once the client left the buffer full for `stallTimeoutMs`: the response is given up. */
  stalled = false;

  constructor(
    private readonly response: Response,
    private readonly stallTimeoutMs: number,
  ) {}

  /** Bytes held for this response: gathered rows plus what the response and its socket buffer. */
  bytes(): number {
    return this.#size + (this.response.writableLength ?? 0);
  }

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
    const drained = drainWithin(this.response, this.stallTimeoutMs).then((answer) => {
      if (answer !== 'stalled') return answer;
      this.stalled = true;
      return false;
    });
    this.#drained = drained;
    const ok = await drained;
    if (this.#drained === drained) this.#drained = undefined;
    return ok;
  }
}

/** How `streamQuery` treats its client. */
export interface StreamOptions {
  logger: Logger;
  /** Give up on a client that leaves the buffer full this long (ms; 0 = never). */
  stallTimeoutMs: number;
  /** Called per row written. */
  onRow?: () => void;
  /** Bytes held per open response are added here while it streams (the buffered-bytes gauge). */
  buffers?: Set<() => number>;
  /** Called when a stalled client is cut. */
  onStalled?: () => void;
}

/**
 * Streams a running query into a response: status 200 and the header at once, then the rows as
 * the engine yields them, those of one event-loop turn in one write (`RowWriter`). Rows are pulled
 * only when the client's buffer has room (back-pressure): what the server holds per response is
 * bounded by the socket's buffer plus one gathered batch (64 KiB), whatever the query produces.
 * A client that leaves the buffer full for `stallTimeoutMs` is given up: the query is closed, the
 * framing's in-stream error ends the body, and unless the client reads it all within a second the
 * connection (HTTP/2: the stream) is destroyed. A client that disconnects closes the query; a failure after the header
 * becomes the framing's in-stream error. Always closes the query.
 */
export async function streamQuery(
  response: Response,
  query: RunningQuery,
  framing: QueryFraming,
  options: StreamOptions,
): Promise<void> {
  const { logger, onRow = () => undefined } = options;
  // 'close' = the exchange is over (finished, disconnected, or an HTTP/2 RST_STREAM): stop the query.
  // (Node's HTTP/2 compatibility response reports `writableFinished` true even on a reset.)
  const onClose = () => void query.close().catch(() => undefined);
  response.on('close', onClose);
  const rows = new RowWriter(response, options.stallTimeoutMs);
  const bytes = () => rows.bytes();
  options.buffers?.add(bytes);
  try {
    response.writeHead(200, { 'content-type': framing.contentType });
    if (!(await writeChunk(response, framing.header(query)))) return;
    try {
      for await (const row of query.rows) {
        const chunk = framing.row(row);
        if (chunk === undefined) continue;
        const added = rows.add(chunk);
        if (added !== true && !(await added)) break;
        onRow();
      }
    } catch (error) {
      logger.warn({ err: error, queryId: query.queryId }, 'query failed while streaming');
      if ((await rows.flush()) && !isGone(response))
        finish(response, framing.error(toErrorResponse(error).body));
      return;
    }
    if (rows.stalled) {
      cutStalled(response, query, framing, options, rows.bytes());
      return;
    }
    if ((await rows.flush()) && !isGone(response)) finish(response, framing.end(query.end()));
    else if (rows.stalled) cutStalled(response, query, framing, options, rows.bytes());
  } finally {
    options.buffers?.delete(bytes);
    response.off('close', onClose);
    await query
      .close()
      .catch((error: unknown) => logger.warn({ err: error, queryId: query.queryId }, 'close failed'));
  }
}

/** How long a stalled client's last chance to read the error lasts before its connection is cut. */
const STALL_GRACE_MS = 1_000;

/** The message of the in-stream error a stalled client gets. */
export function stalledMessage(stallTimeoutMs: number): string {
  return `Push query closed: the client read nothing for ${stallTimeoutMs} ms while results were waiting (ENGINE_PUSH_STALL_TIMEOUT_MS)`;
}

function cutStalled(
  response: Response,
  query: RunningQuery,
  framing: QueryFraming,
  options: StreamOptions,
  buffered: number,
): void {
  options.onStalled?.();
  options.logger.warn(
    { queryId: query.queryId, bufferedBytes: buffered, stallTimeoutMs: options.stallTimeoutMs },
    'closing a query response whose client stopped reading',
  );
  if (isGone(response)) return;
  // the error ends the body: a client that reads again within the grace period gets it, else it is cut
  const body = {
    '@type': 'generic_error',
    error_code: ErrorCodes.SERVER_ERROR,
    message: stalledMessage(options.stallTimeoutMs),
  } as const;
  finish(response, framing.error(body));
  if (response.writableFinished) return;
  const cut = setTimeout(() => (response as { destroy(error?: Error): void }).destroy(), STALL_GRACE_MS);
  cut.unref();
  response.once('finish', () => clearTimeout(cut));
}
