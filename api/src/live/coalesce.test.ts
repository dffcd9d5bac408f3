import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

function signal() {
  const listeners = new Set<() => void>();
  return {
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      for (const listener of listeners) listener();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

describe('coalesce', () => {
  it('yields the current state first, then the latest state after changes', async () => {
    const changes = signal();
    let state = 1;
    const stream = coalesce(changes, () => state);
    expect(await stream.next()).toEqual({ done: false, value: 1 });
    const pending = stream.next();
    state = 2;
    changes.fire();
    expect(await pending).toEqual({ done: false, value: 2 });
  });

  it('collapses changes made while the subscriber is slow into the latest state', async () => {
    const changes = signal();
    let state = 0;
    let reads = 0;
    const stream = coalesce(changes, () => {
      reads += 1;
      return state;
    });
    await stream.next();
    for (let i = 1; i <= 1000; i++) {
      state = i;
      changes.fire();
    }
    expect(await stream.next()).toEqual({ done: false, value: 1000 });
    expect(reads).toBe(2);
  });

  it('waits while no state is available, and skips a state equal to the last one sent', async () => {
    const changes = signal();
    let state: number | undefined;
    const stream = coalesce(changes, () => state);
    const first = stream.next();
    state = 5;
    changes.fire();
    expect(await first).toEqual({ done: false, value: 5 });
    const second = stream.next();
    changes.fire(); // same state: nothing sent
    state = 6;
    changes.fire();
    expect(await second).toEqual({ done: false, value: 6 });
  });

  it('unsubscribes on return and ends a pending next', async () => {
    const changes = signal();
    const stream = coalesce(changes, () => 1);
    await stream.next();
    const pending = stream.next();
    await stream.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(changes.listeners).toBe(0);
  });
});
