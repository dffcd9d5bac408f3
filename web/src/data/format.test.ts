import { describe, expect, test } from 'vitest';
import { formatAgo, formatCompact, formatInt, formatPercent } from './format.js';

describe('formatters', () => {
  test('format counts, percentages and axis numbers', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatPercent(61.234)).toBe('61.2%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_400)).toBe('12.4k');
  });

  test('say how long ago in words a reader takes in at a glance', () => {
    expect(formatAgo(0.5)).toBe('just now');
    expect(formatAgo(12.7)).toBe('12 s ago');
    expect(formatAgo(185)).toBe('3 min ago');
    expect(formatAgo(7300)).toBe('2 h ago');
  });
});
