import type { ExecutionResult } from 'graphql-ws';
import type { FormattedExecutionResult } from '../graphql-js.js';

/*
 * The `next` payload of a result, as graphql-ws would write it, as UTF-8 bytes: computed once per
 * result object. A shared subscription (`FanOutHub`) serializes each result once for all its
 * subscribers; results of queries sent over a socket go through graphql-ws with their bytes
 * spliced in by the transport (`expandNext`).
 */
const bodies = new WeakMap<ExecutionResult, Buffer>();

/** The payload bytes of `result` (see above). */
export function payloadBytes(result: ExecutionResult): Buffer {
  let body = bodies.get(result);
  if (!body) {
    const { errors, ...rest } = result;
    const payload = errors ? { ...rest, errors: errors.map((error) => error.toJSON()) } : rest;
    body = Buffer.from(JSON.stringify(payload));
    bodies.set(result, body);
  }
  return body;
}

/**
 * What `onNext` hands graphql-ws instead of the payload: an object (graphql-ws checks that) that
 * serializes as `0`, so graphql-ws's own `JSON.stringify` of the message costs nothing, and the
 * transport recognizes the message and splices the shared bytes in (`expandNext`).
 */
export const SHARED_NEXT = { toJSON: () => 0 } as unknown as FormattedExecutionResult;

const MARKED_TAIL = ',"type":"next","payload":0}';
const ID_START = '{"id":'.length;
const CLOSE = 0x7d; // }

/** Payloads waiting for their `next` message on one connection, by subscription id. */
export type PendingPayloads = Map<string, Buffer>;

/**
 * The message to write for `data` (graphql-ws's serialized message): a marked `next` message
 * becomes its bytes with the pending payload of its subscription; anything else is as is.
 */
export function expandNext(data: string, pending: PendingPayloads): string | Buffer {
  if (!data.endsWith(MARKED_TAIL)) return data;
  // `{"id":<id as JSON>,"type":"next","payload":0}`: the head is everything before the final `0}`
  const idJson = data.slice(ID_START, data.length - MARKED_TAIL.length);
  const id = idJson.includes('\\') ? (JSON.parse(idJson) as string) : idJson.slice(1, -1);
  const body = pending.get(id);
  if (!body) throw new Error(`graphql-ws: no payload pending for the next message of ${id}`);
  pending.delete(id);
  const headLength = Buffer.byteLength(data) - 2;
  const message = Buffer.allocUnsafe(headLength + body.length + 1);
  message.write(data.slice(0, -2), 0, 'utf8');
  body.copy(message, headLength);
  message[headLength + body.length] = CLOSE;
  return message;
}
