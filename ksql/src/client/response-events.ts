import { KsqlClientError } from '../errors.js';
import type { QueryDecoder, QueryEvent } from './framing/index.js';

/**
 * Pulls decoded events out of a response body one at a time: bytes → text (UTF-8 across chunk
 * boundaries) → the format's decoder. Returns `undefined` at the end of the body.
 */
export function createEventReader(
  body: AsyncIterable<Buffer | Uint8Array>,
  decoder: QueryDecoder,
): { next(): Promise<QueryEvent | undefined> } {
  const chunks = body[Symbol.asyncIterator]();
  const text = new TextDecoder();
  const queue: QueryEvent[] = [];
  let ended = false;
  return {
    async next() {
      while (queue.length === 0) {
        if (ended) return undefined;
        const chunk = await chunks.next();
        if (chunk.done) {
          ended = true;
          queue.push(...decoder.push(text.decode()), ...decoder.end());
        } else {
          queue.push(...decoder.push(text.decode(chunk.value, { stream: true })));
        }
      }
      return queue.shift();
    },
  };
}

/** The error for a response that ended before its header. */
export function missingHeaderError(path: string): KsqlClientError {
  return new KsqlClientError(`${path} ended before sending a query header`, {
    status: 200,
    errorCode: 0,
    code: 'KSQL_PROTOCOL',
  });
}
