import { describe, expect, test } from 'vitest';
import { createFrameStore, type Scheduler } from './frame-store.js';

type Views = { summary: number; candidates: string };

/** A scheduler the test fires by hand, counting how many flushes were requested. */
function manualScheduler() {
  const queue: (() => void)[] = [];
  let requested = 0;
  const schedule: Scheduler = (flush) => {
    requested++;
    queue.push(flush);
    return () => queue.splice(queue.indexOf(flush), 1);
  };
  return {
    schedule,
    requested: () => requested,
    fire: () => {
      for (const flush of queue.splice(0)) flush();
    },
  };
}

describe('createFrameStore', () => {
  test('keeps only the latest payload per view and delivers them in one flush', () => {
    const clock = manualScheduler();
    const store = createFrameStore<Views>(clock.schedule);
    const batches: Partial<Views>[] = [];
    store.subscribe((batch) => batches.push(batch));
    for (let i = 1; i <= 1000; i++) store.push('summary', i);
    store.push('candidates', 'x');
    expect(clock.requested()).toBe(1);
    expect(store.pendingCount()).toBe(2);
    clock.fire();
    expect(batches).toEqual([{ summary: 1000, candidates: 'x' }]);
    expect(store.pendingCount()).toBe(0);
  });

  test('holds payloads while paused and delivers them when resumed or flushed now', () => {
    const clock = manualScheduler();
    const store = createFrameStore<Views>(clock.schedule);
    const batches: Partial<Views>[] = [];
    store.subscribe((batch) => batches.push(batch));
    store.setScheduler(null);
    store.push('summary', 1);
    store.push('summary', 2);
    expect(clock.requested()).toBe(0);
    store.flushNow();
    expect(batches).toEqual([{ summary: 2 }]);
    store.push('candidates', 'y');
    store.setScheduler(clock.schedule);
    clock.fire();
    expect(batches).toEqual([{ summary: 2 }, { candidates: 'y' }]);
  });

  test('a new scheduler replaces the pending one', () => {
    const slow = manualScheduler();
    const fast = manualScheduler();
    const store = createFrameStore<Views>(slow.schedule);
    const batches: Partial<Views>[] = [];
    store.subscribe((batch) => batches.push(batch));
    store.push('summary', 7);
    store.setScheduler(fast.schedule);
    slow.fire();
    expect(batches).toEqual([]);
    fast.fire();
    expect(batches).toEqual([{ summary: 7 }]);
  });

  test('listeners can be removed; an empty flush calls nobody', () => {
    const clock = manualScheduler();
    const store = createFrameStore<Views>(clock.schedule);
    const batches: Partial<Views>[] = [];
    const remove = store.subscribe((batch) => batches.push(batch));
    store.flushNow();
    remove();
    store.push('summary', 1);
    clock.fire();
    expect(batches).toEqual([]);
  });
});
