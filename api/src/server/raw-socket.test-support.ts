import WebSocket from 'ws';

/** A graphql-transport-ws socket driven by hand, to test the protocol's error paths. */
export interface RawSocket {
  send(message: unknown): void;
  sendText(text: string): void;
  /** Resolves with the first received message matching `match` (already received ones count). */
  next(
    match: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens a raw graphql-ws socket to `url` (http(s) URL of the GraphQL endpoint). */
export async function openRawSocket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
  const received: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    send: (message) => socket.send(JSON.stringify(message)),
    sendText: (text) => socket.send(text),
    closed,
    close: () => socket.close(),
    next: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const index = received.findIndex(match);
          if (index < 0) return false;
          const [message] = received.splice(index, 1);
          waiters.delete(check);
          clearTimeout(timer);
          resolve(message!);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching message within ${timeoutMs} ms; received ${JSON.stringify(received)}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
  };
}
