import { describe, expect, test } from 'vitest';
import { createLineChart, type LineSeries, lineScales } from './line-chart.js';
import { createSvg } from './test-dom.js';

const t0 = new Date('2026-11-03T14:00:00Z');
const t1 = new Date('2026-11-03T14:01:00Z');
const t2 = new Date('2026-11-03T14:02:00Z');
const series: LineSeries[] = [
  {
    key: 'a',
    label: 'A',
    color: 'red',
    points: [
      { date: t0, value: 1 },
      { date: t2, value: 9 },
    ],
  },
  { key: 'b', label: 'B', color: 'blue', points: [{ date: t1, value: 4 }] },
  { key: 'c', label: 'C', color: 'green', points: [] },
];

describe('lineScales', () => {
  test('spans every point in time and starts values at zero', () => {
    const { x, y } = lineScales(series, 200, 100);
    expect(x.domain()).toEqual([t0, t2]);
    expect(x(t1)).toBe(100);
    expect(y.domain()[0]).toBe(0);
    expect(y.domain()[1]).toBeGreaterThanOrEqual(9);
    expect(y(0)).toBe(100);
  });

  test('has a usable domain with no points at all', () => {
    const { x, y } = lineScales([], 200, 100);
    expect(x.domain()[0]!.getTime()).toBeLessThan(x.domain()[1]!.getTime());
    expect(y.domain()).toEqual([0, 1]);
  });
});

describe('createLineChart', () => {
  test('draws a line and an area per series, an end dot per non-empty series, and both axes', () => {
    const svg = createSvg();
    createLineChart().width(400).height(200).duration(0)(svg, series);
    const lines = [...svg.querySelectorAll('path.series-line')];
    expect(lines.map((l) => l.getAttribute('stroke'))).toEqual(['red', 'blue', 'green']);
    expect(lines[0]?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(svg.querySelectorAll('path.series-area')).toHaveLength(3);
    expect(svg.querySelectorAll('circle.series-end')).toHaveLength(2);
    expect(svg.querySelectorAll('g.axis-x .tick').length).toBeGreaterThan(1);
    expect(svg.querySelectorAll('g.axis-y .tick').length).toBeGreaterThan(1);
  });

  test('a redraw joins by key: series that disappear are removed', () => {
    const svg = createSvg();
    const chart = createLineChart().duration(0);
    chart(svg, series);
    chart(svg, series.slice(0, 1));
    expect(svg.querySelectorAll('path.series-line')).toHaveLength(1);
    expect(svg.querySelectorAll('circle.series-end')).toHaveLength(1);
  });
});

describe('time axis', () => {
  test('ticks on whole minutes, labelled hours:minutes', () => {
    const svg = createSvg();
    createLineChart().width(400).height(200).duration(0)(svg, series);
    const labels = [...svg.querySelectorAll('g.axis-x .tick text')].map((t) => t.textContent);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const label of labels) expect(label).toMatch(/^\d\d:\d\d$/);
  });
});
