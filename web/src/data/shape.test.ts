import { describe, expect, test } from 'vitest';
import {
  capitalize,
  indexByCode,
  orderAgeBands,
  rankCandidates,
  toLineSeries,
  turnoutDomain,
} from './shape.js';

const candidate = (id: string, name: string) => ({ id, name, party: 'P' });

describe('rankCandidates', () => {
  test('orders by votes, then by name, without touching the input', () => {
    const input = [
      { votes: 5, sharePercent: 25, candidate: candidate('c', 'Cy') },
      { votes: 10, sharePercent: 50, candidate: candidate('a', 'Al') },
      { votes: 5, sharePercent: 25, candidate: candidate('b', 'Bo') },
    ];
    expect(rankCandidates(input).map((r) => r.candidate.id)).toEqual(['a', 'b', 'c']);
    expect(input[0]?.candidate.id).toBe('c');
  });
});

describe('toLineSeries', () => {
  const series = [
    {
      candidate: candidate('a', 'Al'),
      points: [
        { windowStart: '2026-11-03T14:01:00.000Z', votes: 3 },
        { windowStart: '2026-11-03T14:00:00.000Z', votes: 2 },
      ],
    },
  ];

  test('sorts minutes and keeps votes per minute', () => {
    const [line] = toLineSeries(series, () => 'red', false);
    expect(line?.points.map((p) => [p.date.toISOString(), p.value])).toEqual([
      ['2026-11-03T14:00:00.000Z', 2],
      ['2026-11-03T14:01:00.000Z', 3],
    ]);
    expect(line?.color).toBe('red');
    expect(line?.label).toBe('Al');
  });

  test('accumulates running totals', () => {
    const [line] = toLineSeries(series, () => 'red', true);
    expect(line?.points.map((p) => p.value)).toEqual([2, 5]);
  });
});

describe('breakdowns and states', () => {
  test('orders age bands youngest first, unknown bands last', () => {
    const rows = [{ label: '65+' }, { label: 'unknown' }, { label: '18-24' }, { label: '35-44' }];
    expect(orderAgeBands(rows).map((r) => r.label)).toEqual(['18-24', '35-44', '65+', 'unknown']);
  });

  test('capitalizes group labels', () => {
    expect(capitalize('female')).toBe('Female');
    expect(capitalize('')).toBe('');
  });

  test('indexes states by code and spans turnout to the next 10 %', () => {
    const states = [
      { code: 'OH', turnoutPercent: 41.2 },
      { code: 'TX', turnoutPercent: 63 },
    ];
    expect(indexByCode(states).get('TX')?.turnoutPercent).toBe(63);
    expect(turnoutDomain(states)).toEqual([0, 70]);
    expect(turnoutDomain([])).toEqual([0, 10]);
  });
});
