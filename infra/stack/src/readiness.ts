import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Polls `url` until it answers 2xx (and `accept` approves the body, when given). */
export async function waitForHttp(
  url: string,
  options: { timeoutMs?: number; accept?: (body: string) => boolean; exited?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (options.exited?.()) throw new Error(`the process serving ${url} exited before it was ready`);
    try {
      const response = await fetch(url);
      const body = await response.text();
      if (response.ok && (options.accept?.(body) ?? true)) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${url} was not ready in time`);
}

/** True when something accepts TCP connections on host:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
