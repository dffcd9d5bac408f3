import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.js';

describe('createBackoff', () => {
  it('doubles up to the cap, with jitter in the upper half, and starts over after reset', () => {
    const top = createBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.999_999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const bottom = createBackoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3].map(() => bottom.next())).toEqual([50, 100, 200]);
    expect(bottom.attempts).toBe(3);
    bottom.reset();
    expect(bottom.next()).toBe(50);
  });
});
