import { Client, Pool } from 'undici';

/** Test-side HTTP helpers for the engine: one HTTP/1.1 pool and a factory of h2c clients. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export type Dispatcher = Client | Pool;

/** Cleartext HTTP/2 with prior knowledge, as ksqlDB's Java client speaks it. */
export function h2cClient(url: string): Client {
  return new Client(url, { allowH2: true, useH2c: true } as ConstructorParameters<typeof Client>[1]);
}

/** HTTP/1.1 with several connections (a streaming response holds one). */
export function http1Pool(url: string): Pool {
  return new Pool(url, { connections: 8 });
}

export async function call(
  client: Dispatcher,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  accept?: string,
): Promise<Reply> {
  const response = await client.request({
    method,
    path,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: accept ? { accept } : {},
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/** Reads a streamed body piecewise without cancelling it; `lines()` yields complete lines. */
export function lineReader(body: AsyncIterable<Buffer>) {
  const chunks = body[Symbol.asyncIterator]();
  let pending = '';
  return {
    async next(): Promise<string | undefined> {
      for (;;) {
        const newline = pending.indexOf('\n');
        if (newline >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          return line;
        }
        const chunk = await chunks.next();
        if (chunk.done) {
          const rest = pending;
          pending = '';
          return rest === '' ? undefined : rest;
        }
        pending += chunk.value.toString();
      }
    },
  };
}

/** Parses a v1 `/query` response line by line the way ksqlDB's clients do. */
export function parseV1(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\[/, '')
        .replace(/[,\]]$/, ''),
    )
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}
