import { describe, expect, test } from 'vitest';
import { barLayout, createBarChart } from './bar-chart.js';
import { createSvg } from './test-dom.js';

type Row = { id: string; votes: number };
const rows: Row[] = [
  { id: 'a', votes: 50 },
  { id: 'b', votes: 100 },
  { id: 'c', votes: 0 },
];

describe('barLayout', () => {
  test('stacks rows and scales widths to the largest value', () => {
    const layout = barLayout(rows, { width: 200, rowHeight: 40, key: (r) => r.id, value: (r) => r.votes });
    expect(layout.map((g) => [g.key, g.y, g.width])).toEqual([
      ['a', 0, 100],
      ['b', 40, 200],
      ['c', 80, 0],
    ]);
  });

  test('uses a given maximum and clamps values above it', () => {
    const layout = barLayout(rows, {
      width: 200,
      rowHeight: 10,
      key: (r) => r.id,
      value: (r) => r.votes,
      max: 50,
    });
    expect(layout.map((g) => g.width)).toEqual([200, 200, 0]);
  });

  test('draws zero-width bars when every value is zero (domain at least 1)', () => {
    const layout = barLayout([{ id: 'a', votes: 0 }], {
      width: 100,
      rowHeight: 10,
      key: (r) => r.id,
      value: (r) => r.votes,
    });
    expect(layout[0]?.width).toBe(0);
  });
});

describe('createBarChart', () => {
  const chart = () =>
    createBarChart<Row>()
      .width(320)
      .rowHeight(40)
      .key((r) => r.id)
      .value((r) => r.votes)
      .label((r) => r.id.toUpperCase())
      .valueText((r) => `${r.votes} votes`)
      .color((r) => (r.id === 'a' ? 'red' : 'blue'))
      .duration(0);

  test('draws one labelled, coloured bar per row', () => {
    const svg = createSvg();
    chart()(svg, rows);
    const bars = [...svg.querySelectorAll('g.bar')];
    expect(bars.map((b) => b.getAttribute('data-key'))).toEqual(['a', 'b', 'c']);
    expect(bars.map((b) => b.querySelector('.bar-name')?.textContent)).toEqual(['A', 'B', 'C']);
    expect(bars.map((b) => b.querySelector('.bar-value')?.textContent)).toEqual([
      '50 votes',
      '100 votes',
      '0 votes',
    ]);
    const fills = bars.map((b) => b.querySelector('rect.bar-fill')!);
    expect(fills.map((r) => Number(r.getAttribute('width')))).toEqual([100, 200, 0]);
    expect(fills.map((r) => r.getAttribute('fill'))).toEqual(['red', 'blue', 'blue']);
    expect(svg.getAttribute('viewBox')).toBe('0 0 320 120');
  });

  test('keyed join: an update moves existing rows, adds new ones and removes the missing', () => {
    const svg = createSvg();
    const draw = chart();
    draw(svg, rows);
    const rowB = svg.querySelector('g.bar[data-key="b"]');
    draw(svg, [
      { id: 'b', votes: 10 },
      { id: 'd', votes: 20 },
    ]);
    const bars = [...svg.querySelectorAll('g.bar')];
    expect(bars.map((b) => b.getAttribute('data-key')).sort()).toEqual(['b', 'd']);
    expect(svg.querySelector('g.bar[data-key="b"]')).toBe(rowB);
    expect(rowB?.getAttribute('transform')).toBe('translate(0,0)');
    expect(svg.querySelector('g.bar[data-key="d"]')?.getAttribute('transform')).toBe('translate(0,40)');
    expect(Number(rowB?.querySelector('rect.bar-fill')?.getAttribute('width'))).toBe(100);
  });
});
