/** Options of an exponential backoff. */
export interface BackoffOptions {
  /** First delay in ms (default 250). */
  initialMs?: number;
  /** Largest delay in ms (default 10 000). */
  maxMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Random source in [0, 1) for jitter (default Math.random); tests pass a fixed one. */
  random?: () => number;
}

/** Delays between reconnection attempts: exponential, capped, with jitter; `reset()` after success. */
export interface Backoff {
  /** The delay before the next attempt, in ms. */
  next(): number;
  /** Starts over from the initial delay (call once connected). */
  reset(): void;
  /** Attempts since the last reset. */
  readonly attempts: number;
}

/**
 * Creates a backoff whose n-th delay is uniformly drawn in [d/2, d] with d = min(max,
 * initial × factor^n): growing waits so a down ksqlDB is not hammered, jitter so many API
 * processes do not reconnect in lockstep.
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 10_000;
  const factor = options.factor ?? 2;
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(max, initial * factor ** attempts);
      attempts += 1;
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
