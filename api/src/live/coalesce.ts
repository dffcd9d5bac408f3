/** Something that says "changed" (a live view, a set of views). */
export interface ChangeSignal {
  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * A subscriber's stream of states: yields `read()` now, then again after changes — but only as
 * fast as the consumer pulls. Changes that happen while the consumer is busy collapse into one
 * "dirty" flag, and the next pull reads the latest state: a slow subscriber skips intermediate
 * states instead of queueing them, so memory per subscriber stays constant.
 *
 * `read()` returns `undefined` while no state is available yet (the view is still loading); the
 * stream then waits for the next change. A state equal (`same`) to the last one sent is skipped.
 */
export function coalesce<T>(
  signal: ChangeSignal,
  read: () => T | undefined,
  same: (a: T, b: T) => boolean = Object.is,
): AsyncIterableIterator<T> {
  let dirty = true;
  let done = false;
  let wake: (() => void) | undefined;
  let last: { value: T } | undefined;
  const unsubscribe = signal.onChange(() => {
    dirty = true;
    wake?.();
  });
  const finish = (): IteratorReturnResult<undefined> => {
    if (!done) {
      done = true;
      unsubscribe();
      wake?.();
    }
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!done) {
        if (dirty) {
          dirty = false;
          const value = read();
          if (value !== undefined && !(last && same(last.value, value))) {
            last = { value };
            return { done: false, value };
          }
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<T>> {
      return finish();
    },
    async throw(error?: unknown): Promise<IteratorResult<T>> {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
