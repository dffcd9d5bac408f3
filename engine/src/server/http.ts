import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { payloadTooLarge } from './limits.js';

/** A request of either protocol (Node's HTTP/2 compatibility API mirrors HTTP/1.1's). */
export type Request = IncomingMessage | Http2ServerRequest;
/** A response of either protocol. */
export type Response = ServerResponse | Http2ServerResponse;

/** The media types ksqlDB speaks. */
export const MediaTypes = {
  json: 'application/json',
  v1: 'application/vnd.ksql.v1+json',
  delimited: 'application/vnd.ksqlapi.delimited.v1',
} as const;

export function isHttp2(request: Request): boolean {
  return request.httpVersionMajor === 2;
}

/** Writes a whole JSON response. */
export function sendJson(
  response: Response,
  status: number,
  body: unknown,
  contentType: string = MediaTypes.json,
) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Writes a whole plain-text response (404 `Not Found`, 406, ...). */
export function sendText(
  response: Response,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * Writes one chunk of a streamed body and waits while the client's socket buffer is full, so a
 * slow reader slows the producer of the chunks instead of growing memory. Resolves false if the
 * client went away.
 */
export async function writeChunk(response: Response, chunk: string): Promise<boolean> {
  if (isGone(response)) return false;
  if ((response as { write(chunk: string): boolean }).write(chunk)) return true;
  return waitForDrain(response);
}

/** Resolves true once the response's buffer drained, false if the client went away first. */
export function waitForDrain(response: Response): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}

/** True once the connection (or HTTP/2 stream) is closed or the response has been ended. */
export function isGone(response: Response): boolean {
  if (response.writableEnded) return true;
  if ('stream' in response) return response.stream.destroyed || response.stream.closed;
  return response.destroyed || response.socket === null || response.socket.destroyed;
}

/**
 * Reads a whole request body, refusing more than `limit` bytes with 413 / 41300 (a declared
 * `content-length` over it is refused before reading). The rest of a refused body is discarded as
 * it arrives, so the 413 can still be written.
 */
export function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(payloadTooLarge(limit));
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        request.resume();
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/**
 * Splits a streamed request body into lines (without their `\n` / `\r\n`), as they arrive. A line
 * longer than `maxLineBytes` is refused with 413 / 41300 instead of being gathered without bound.
 */
export async function* readLines(request: Request, maxLineBytes: number): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of request as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxLineBytes) throw payloadTooLarge(maxLineBytes);
  }
  if (pending.trim().length > 0) yield pending.replace(/\r$/, '');
}

/**
 * Ends a response with an optional last chunk. Never `end('')`: on Node 20's HTTP/2 compatibility
 * layer that corrupts the previous write (seen as garbage bytes at the end of the body).
 */
export function finish(response: Response, last = ''): void {
  if (last === '') response.end();
  else (response as { end(chunk: string): void }).end(last);
}
