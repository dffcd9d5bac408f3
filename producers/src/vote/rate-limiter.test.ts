import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('spaces batches so the long-run rate never exceeds the cap', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const limiter = createRateLimiter(
      100,
      () => clock,
      async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    );
    await limiter.take(50); // first batch goes at once
    await limiter.take(50); // 50 votes at 100/s = 500 ms later
    await limiter.take(10);
    expect(sleeps).toEqual([500, 500]);
    expect(clock).toBe(1_000);
  });

  it('lets everything through when the rate is 0 (unlimited)', async () => {
    const limiter = createRateLimiter(
      0,
      () => 0,
      async () => {
        throw new Error('should not sleep');
      },
    );
    await limiter.take(1_000_000);
  });
});
