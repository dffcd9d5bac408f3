import { describe, expect, test } from 'vitest';
import { createDonutChart, donutLayout } from './donut-chart.js';
import { createSvg } from './test-dom.js';

type Slice = { id: string; votes: number };
const slices: Slice[] = [
  { id: 'a', votes: 1 },
  { id: 'b', votes: 3 },
];

describe('donutLayout', () => {
  test('keeps the data order and splits the full circle by value', () => {
    const arcs = donutLayout(slices, (s) => s.votes);
    expect(arcs.map((a) => a.data.id)).toEqual(['a', 'b']);
    expect(arcs[0]?.startAngle).toBe(0);
    expect(arcs[0]?.endAngle).toBeCloseTo(Math.PI / 2);
    expect(arcs[1]?.endAngle).toBeCloseTo(2 * Math.PI);
  });
});

describe('createDonutChart', () => {
  const chart = () =>
    createDonutChart<Slice>()
      .size(200)
      .key((s) => s.id)
      .value((s) => s.votes)
      .color((s) => (s.id === 'a' ? 'red' : 'blue'))
      .title((s) => `${s.id}: ${s.votes}`)
      .centerText('4')
      .centerCaption('votes')
      .duration(0);

  test('draws one keyed arc per slice with its colour, title and path', () => {
    const svg = createSvg();
    chart()(svg, slices);
    const arcs = [...svg.querySelectorAll('path.donut-arc')];
    expect(arcs.map((a) => a.getAttribute('data-key'))).toEqual(['a', 'b']);
    expect(arcs.map((a) => a.getAttribute('fill'))).toEqual(['red', 'blue']);
    expect(arcs.map((a) => a.querySelector('title')?.textContent)).toEqual(['a: 1', 'b: 3']);
    for (const arc of arcs) expect(arc.getAttribute('d')).toMatch(/^M/);
    expect(svg.querySelector('.donut-center-value')?.textContent).toBe('4');
    expect(svg.querySelector('.donut-empty')).toBeNull();
  });

  test('shows an empty ring before the first vote, and removes arcs that go away', () => {
    const svg = createSvg();
    const draw = chart();
    draw(svg, slices);
    draw(svg, [
      { id: 'a', votes: 0 },
      { id: 'b', votes: 0 },
    ]);
    expect(svg.querySelectorAll('path.donut-arc')).toHaveLength(0);
    expect(svg.querySelector('circle.donut-empty')).not.toBeNull();
    draw(svg, [{ id: 'b', votes: 2 }]);
    expect([...svg.querySelectorAll('path.donut-arc')].map((a) => a.getAttribute('data-key'))).toEqual(['b']);
    expect(svg.querySelector('circle.donut-empty')).toBeNull();
  });
});
