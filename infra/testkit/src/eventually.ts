import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `check` until it returns without throwing, then returns its result; after the timeout the
 * last error is thrown. Tests wait for eventual results this way, never with a fixed sleep.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const interval = options.intervalMs ?? 100;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    await delay(interval);
  }
  throw lastError instanceof Error ? lastError : new Error(`eventually: timed out (${String(lastError)})`);
}
