import { setTimeout as delay } from 'node:timers/promises';
import { type Dispatcher, Pool } from 'undici';
import { errorFromEnvelope, KsqlClientError } from '../errors.js';
import { parseLossless } from '../json/lossless.js';
import { resolveCredentials } from './credentials.js';
import type { KsqlClientOptions } from './types.js';

/** One HTTP request to ksqlDB. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  accept: string;
  body?: string;
  signal?: AbortSignal | undefined;
  /** Streaming responses (push queries) have no overall timeout. */
  streaming?: boolean;
  /** True when repeating the request cannot change the server (GET, pull queries, close-query). */
  idempotent: boolean;
  /** Return 503 answers instead of retrying them (health checks report them). */
  acceptUnavailable?: boolean;
}

/** A response whose status is below 400 (or 503 with `acceptUnavailable`); the body is unread. */
export interface HttpResponse {
  status: number;
  body: Dispatcher.ResponseData['body'];
  /** Ends the response early (cancels a stream). */
  abort(): void;
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * HTTP over undici: cleartext HTTP/2 with prior knowledge (h2c, as ksqlDB's Java client) or
 * HTTP/1.1, one connection pool per client. Failures that certainly had no effect (503, connection
 * refused) are retried with exponential backoff; a statement that may have reached the server is
 * never sent twice.
 */
export function createTransport(options: KsqlClientOptions): Transport {
  const h2 = (options.protocol ?? 'h2') === 'h2';
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 5;
  const origin = new URL(options.url).origin;
  const basePath = new URL(options.url).pathname.replace(/\/$/, '');
  // The pool builds the socket connector itself, so h2c prior knowledge goes into `connect`.
  const pool = new Pool(origin, {
    connections: null,
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(h2 ? { allowH2: true, connect: { useH2c: true } as NonNullable<Pool.Options['connect']> } : {}),
  });
  const credentials = resolveCredentials(options.url, options.auth, options.env);
  const authorization = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined;

  const attempt = async (request: HttpRequest): Promise<HttpResponse> => {
    const local = new AbortController();
    const signals = [local.signal];
    if (request.signal) signals.push(request.signal);
    if (!request.streaming) signals.push(AbortSignal.timeout(timeoutMs));
    const signal = AbortSignal.any(signals);
    let response: Dispatcher.ResponseData;
    try {
      response = await pool.request({
        origin,
        method: request.method,
        path: basePath + request.path,
        headers: {
          accept: request.accept,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(authorization ? { authorization } : {}),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
      });
    } catch (error) {
      throw connectionError(error, request, timeoutMs);
    }
    if (response.statusCode >= 400 && !(request.acceptUnavailable && response.statusCode === 503)) {
      const text = await response.body.text().catch(() => '');
      let body: unknown = text;
      try {
        body = parseLossless(text);
      } catch {
        // plain-text body (404 "Not Found")
      }
      throw errorFromEnvelope(response.statusCode, body);
    }
    return { status: response.statusCode, body: response.body, abort: () => local.abort() };
  };

  return {
    async send(request) {
      for (let n = 0; ; n++) {
        try {
          return await attempt(request);
        } catch (error) {
          if (!(error instanceof KsqlClientError) || !error.retriable || n >= retries) throw error;
          if (request.signal?.aborted) throw error;
          await delay(Math.min(100 * 2 ** n, 3_000) * (0.5 + Math.random() / 2));
        }
      }
    },
    close: () => pool.close(),
  };
}

/** Maps an undici failure to a KsqlClientError; retriable only when nothing reached the server. */
function connectionError(error: unknown, request: HttpRequest, timeoutMs: number): KsqlClientError {
  const what = `${request.method} ${request.path}`;
  if (request.signal?.aborted) {
    return new KsqlClientError(`${what} was aborted`, {
      status: 0,
      errorCode: 0,
      code: 'KSQL_ABORTED',
      cause: error,
    });
  }
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new KsqlClientError(`${what} got no answer within ${timeoutMs} ms`, {
      status: 0,
      errorCode: 0,
      code: 'KSQL_TIMEOUT',
      cause: error,
    });
  }
  const code = errorCode(error);
  const refused = code === 'ECONNREFUSED';
  return new KsqlClientError(`${what} failed: ${code ?? (error as Error).message}`, {
    status: 0,
    errorCode: 0,
    retriable: refused || request.idempotent,
    cause: error,
    ...(refused ? { hint: 'Is ksqlDB (or the engine) running at KSQLDB_URL?' } : {}),
  });
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
    if (e instanceof AggregateError) return errorCode(e.errors[0]);
  }
  return undefined;
}
