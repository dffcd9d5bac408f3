import { describe, expect, it } from 'vitest';
import { createDayRateLimiter } from './rate-limiter.js';
import { turnoutCurve } from './turnout-curve.js';

describe('turnoutCurve', () => {
  it('has mean 1 over the day, a morning rush, a midday lull and an evening peak', () => {
    const samples = Array.from({ length: 10_000 }, (_, i) => turnoutCurve((i + 0.5) / 10_000));
    expect(samples.reduce((a, b) => a + b, 0) / samples.length).toBeCloseTo(1, 3);
    expect(turnoutCurve(0.12)).toBeGreaterThan(turnoutCurve(0.5));
    expect(turnoutCurve(0.85)).toBeGreaterThan(turnoutCurve(0.5));
    expect(turnoutCurve(0.85)).toBeGreaterThan(turnoutCurve(0.12));
    expect(turnoutCurve(1.12)).toBeCloseTo(turnoutCurve(0.12), 9);
  });
});

describe('createDayRateLimiter', () => {
  const run = async (dayMs: number, units: number) => {
    let clock = 0;
    const limiter = createDayRateLimiter(
      10,
      dayMs,
      turnoutCurve,
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    const times: number[] = [];
    for (let i = 0; i < units; i++) {
      await limiter.take(1);
      times.push(clock);
    }
    return times;
  };

  it('keeps the mean rate over a whole day, faster at the evening peak than at midday', async () => {
    // 10 units/s for a 100 s day: about 1,000 units in the day.
    const times = await run(100_000, 1_000);
    expect(times[times.length - 1]! / 1000).toBeGreaterThan(95);
    expect(times[times.length - 1]! / 1000).toBeLessThan(105);
    const inWindow = (from: number, to: number) =>
      times.filter((t) => t >= from * 1000 && t < to * 1000).length;
    expect(inWindow(80, 90)).toBeGreaterThan(inWindow(45, 55) * 2);
  });

  it('is a flat rate when the day has no length', async () => {
    const times = await run(0, 5);
    expect(times).toEqual([0, 100, 200, 300, 400]);
  });
});
