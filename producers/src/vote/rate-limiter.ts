import { setTimeout as delay } from 'node:timers/promises';

/** Spaces work out to at most `rate` units per second. */
export interface RateLimiter {
  /** Resolves when `n` more units may proceed. */
  take(n: number): Promise<void>;
}

/** A limiter that lets everything through: the default, unlimited rate. */
export const unlimited: RateLimiter = { take: async () => {} };

/**
 * Paces units at `rate` per second: each `take(n)` reserves the next `n / rate` seconds, so the
 * long-run rate never exceeds `rate` however the work is batched.
 */
export function createRateLimiter(
  rate: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<unknown> = delay,
): RateLimiter {
  if (!(rate > 0)) return unlimited;
  let next = now();
  return {
    take: async (n) => {
      const t = now();
      const start = Math.max(t, next);
      next = start + (n * 1000) / rate;
      if (start > t) await sleep(start - t);
    },
  };
}

/**
 * Paces units at `meanRate` per second on average, following the election day's turnout curve
 * (turnout-curve.ts) compressed into `dayMs`: a morning rush, a midday lull, an evening peak.
 */
export function createDayRateLimiter(
  meanRate: number,
  dayMs: number,
  curve: (x: number) => number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<unknown> = delay,
): RateLimiter {
  if (!(meanRate > 0)) return unlimited;
  if (!(dayMs > 0)) return createRateLimiter(meanRate, now, sleep);
  const opened = now();
  let next = opened;
  return {
    take: async (n) => {
      const t = now();
      const start = Math.max(t, next);
      const rate = meanRate * curve((start - opened) / dayMs);
      next = start + (n * 1000) / rate;
      if (start > t) await sleep(start - t);
    },
  };
}
