import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Thrown by a check that can never pass any more (the process it waits for has exited): `eventually`
 * rethrows it at once instead of polling until its timeout.
 */
export class GiveUpError extends Error {
  override name = 'GiveUpError';
}

/**
 * Polls `check` until it returns without throwing, then returns its result; after the timeout the
 * last error is thrown (a `GiveUpError` at once). Tests wait for eventual results this way, never
 * with a fixed sleep.
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
      if (error instanceof GiveUpError) throw error;
      lastError = error;
    }
    await delay(interval);
  }
  throw lastError instanceof Error ? lastError : new Error(`eventually: timed out (${String(lastError)})`);
}
