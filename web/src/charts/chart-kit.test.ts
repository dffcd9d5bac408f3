import { describe, expect, test } from 'vitest';
import { configurable } from './chart-kit.js';

describe('configurable', () => {
  test('reads options with no argument and sets them with one, chaining', () => {
    const options = { width: 100, color: (n: number) => `c${n}` };
    const chart = configurable(() => options.width, options);
    expect(chart.width()).toBe(100);
    expect(chart.width(300).color((n) => `x${n}`)).toBe(chart);
    expect(chart.width()).toBe(300);
    expect(chart.color()(1)).toBe('x1');
    expect(chart()).toBe(300);
  });
});
