import { ErrorCodes } from '../errors.js';
import { badRequest, genericError } from './errors.js';
import type { Request } from './http.js';

/**
 * What one client may hold of the server, each refused with a ksqlDB error envelope past its limit.
 * The engine's configuration sets them (README: ENGINE_MAX_* variables); these are the defaults.
 */
export interface ServerLimits {
  /** Largest request body in bytes (a whole `/ksql` body, one `/inserts-stream` line): 413 / 41300. */
  maxRequestBytes: number;
  /** Longest `ksql` / `sql` text in characters: 400 / 40000. */
  maxStatementChars: number;
  /** Push queries open at once on one connection (HTTP/1.1 socket or HTTP/2 session): 400 / 40003. */
  maxPushQueriesPerConnection: number;
  /**
   * How long a streamed response may wait for its client to read (the socket's buffer full, no
   * 'drain') before the server gives up on it: the query is closed with an in-stream error and the
   * connection (HTTP/2: the stream) is cut. Bounds how long a stalled client holds a query.
   */
  stallTimeoutMs: number;
}

export const defaultLimits: ServerLimits = {
  maxRequestBytes: 8 * 1024 * 1024,
  maxStatementChars: 1_000_000,
  maxPushQueriesPerConnection: 50,
  stallTimeoutMs: 60_000,
};

/** 413 / 41300: a request body over `maxRequestBytes`. */
export function payloadTooLarge(limit: number) {
  return genericError(
    413,
    ErrorCodes.PAYLOAD_TOO_LARGE,
    `Request body too large: expected at most ${limit} bytes (ENGINE_MAX_REQUEST_BYTES)`,
  );
}

/** Refuses a statement text longer than `maxStatementChars` (400 / 40000). */
export function checkStatementLength(text: string, limits: ServerLimits): void {
  if (text.length > limits.maxStatementChars) {
    throw badRequest(
      `Statement too long: expected at most ${limits.maxStatementChars} characters (ENGINE_MAX_STATEMENT_CHARS), found ${text.length}`,
    );
  }
}

/** The connection a request came on: its HTTP/2 session, or its HTTP/1.1 socket. */
export function connectionOf(request: Request): object {
  if ('stream' in request && request.stream) return request.stream.session ?? request.stream;
  return request.socket;
}

/** Counts something held per connection (push queries), forgetting a connection once it holds none. */
export class PerConnection {
  readonly #held = new WeakMap<object, number>();

  count(connection: object): number {
    return this.#held.get(connection) ?? 0;
  }

  add(connection: object): void {
    this.#held.set(connection, this.count(connection) + 1);
  }

  remove(connection: object): void {
    const left = this.count(connection) - 1;
    if (left > 0) this.#held.set(connection, left);
    else this.#held.delete(connection);
  }
}
