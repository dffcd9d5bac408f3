import { describe, expect, test } from 'vitest';
import { createLegend, rampStops } from './legend.js';
import { createSvg } from './test-dom.js';

describe('rampStops', () => {
  test('samples the colour function evenly over the domain', () => {
    const stops = rampStops((v) => `c${v}`, [0, 100], 3);
    expect(stops).toEqual([
      { offset: '0.0%', color: 'c0' },
      { offset: '50.0%', color: 'c50' },
      { offset: '100.0%', color: 'c100' },
    ]);
  });
});

describe('createLegend', () => {
  test('draws a gradient ramp with ticks for a continuous scale', () => {
    const svg = createSvg();
    createLegend()
      .title('Turnout')
      .ramp((v) => `rgb(${v}, 0, 0)`)
      .domain([0, 80])
      .tickFormat((n) => `${n}%`)
      .width(300)(svg);
    expect(svg.querySelector('.legend-title')?.textContent).toBe('Turnout');
    expect(svg.querySelectorAll('linearGradient stop')).toHaveLength(10);
    const ticks = [...svg.querySelectorAll('.tick text')].map((t) => t.textContent);
    expect(ticks[0]).toBe('0%');
    expect(ticks.at(-1)).toBe('80%');
  });

  test('draws swatches for categories, wrapping rows to the width', () => {
    const svg = createSvg();
    const legend = createLegend()
      .title('Leading')
      .width(150)
      .items([
        { label: 'Avery Brooks', color: 'red' },
        { label: 'Jordan Reyes', color: 'blue' },
      ]);
    legend(svg);
    const items = [...svg.querySelectorAll('g.legend-item')];
    expect(items.map((i) => i.querySelector('text')?.textContent)).toEqual(['Avery Brooks', 'Jordan Reyes']);
    expect(items.map((i) => i.querySelector('rect')?.getAttribute('fill'))).toEqual(['red', 'blue']);
    expect(items[1]?.getAttribute('transform')).toBe('translate(0,44)');
    legend(svg);
    expect(svg.querySelectorAll('g.legend-item')).toHaveLength(2);
  });
});
