/**
 * Coalesces a firehose of updates into one render per frame: each view keeps only its latest
 * payload, and listeners receive the pending payloads together when the scheduler fires. At 10,000
 * votes/s the subscriptions may deliver dozens of messages per frame; the page draws one.
 */

/** Runs `flush` later (next animation frame, after an interval, …); returns a cancel function. */
export type Scheduler = (flush: () => void) => () => void;

/** Receives the latest payload of every view that changed since the previous flush. */
export type FlushListener<V> = (batch: Partial<V>) => void;

/** The store; `V` maps view names to payload types. */
export interface FrameStore<V extends object> {
  /** Records the latest payload of a view and schedules a flush. */
  push<K extends keyof V>(view: K, payload: V[K]): void;
  /** Changes when flushes happen; `null` holds every payload until a scheduler is set again. */
  setScheduler(schedule: Scheduler | null): void;
  /** Delivers pending payloads now (e.g. "refresh now" while paused). */
  flushNow(): void;
  /** Number of views with a payload waiting. */
  pendingCount(): number;
  /** Adds a listener; returns its removal. */
  subscribe(listener: FlushListener<V>): () => void;
}

/** The browser's animation frame as a scheduler. */
export const animationFrame: Scheduler = (flush) => {
  const id = requestAnimationFrame(() => flush());
  return () => cancelAnimationFrame(id);
};

/** A scheduler that fires `ms` after the first pending payload: "refresh every N seconds". */
export function every(ms: number): Scheduler {
  return (flush) => {
    const id = setTimeout(flush, ms);
    return () => clearTimeout(id);
  };
}

/** Creates a store that keeps the latest payload per view and flushes them on `schedule`. */
export function createFrameStore<V extends object>(
  schedule: Scheduler | null = animationFrame,
): FrameStore<V> {
  let scheduler = schedule;
  let pending: Partial<V> = {};
  let count = 0;
  let cancel: (() => void) | undefined;
  const listeners = new Set<FlushListener<V>>();

  const flush = (): void => {
    cancel = undefined;
    if (count === 0) return;
    const batch = pending;
    pending = {};
    count = 0;
    for (const listener of listeners) listener(batch);
  };
  const arm = (): void => {
    if (!cancel && scheduler && count > 0) cancel = scheduler(flush);
  };

  return {
    push(view, payload) {
      if (!(view in pending)) count++;
      pending[view] = payload;
      arm();
    },
    setScheduler(next) {
      cancel?.();
      cancel = undefined;
      scheduler = next;
      arm();
    },
    flushNow() {
      cancel?.();
      flush();
    },
    pendingCount: () => count,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
