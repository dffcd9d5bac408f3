import { describe, expect, test } from 'vitest';
import { loadStateBorders, loadStateShapes } from '../data/us-states.js';
import { createChoropleth, projectStates } from './choropleth.js';
import { createSvg } from './test-dom.js';

const shapes = loadStateShapes();

describe('projectStates', () => {
  test('places the 50 states and DC inside the frame; territories are left out', () => {
    const { states, borders } = projectStates(shapes, 960, 600, loadStateBorders());
    const codes = states.map((s) => s.code);
    expect(codes).toHaveLength(51);
    expect(codes).toContain('DC');
    expect(codes).toContain('AK');
    expect(codes).not.toContain('PR');
    for (const s of states) {
      expect(s.d).toMatch(/^M/);
      expect(s.centroid[0]).toBeGreaterThanOrEqual(0);
      expect(s.centroid[0]).toBeLessThanOrEqual(960);
    }
    expect(borders).toMatch(/^M/);
  });

  test('puts states where they belong: Maine east of California, Texas south of North Dakota', () => {
    const at = new Map(projectStates(shapes, 960, 600).states.map((s) => [s.code, s.centroid]));
    expect(at.get('ME')![0]).toBeGreaterThan(at.get('CA')![0]);
    expect(at.get('TX')![1]).toBeGreaterThan(at.get('ND')![1]);
  });
});

describe('createChoropleth', () => {
  test('fills each state, labels it, makes it focusable, and reports focus and blur', () => {
    const svg = createSvg();
    const selections: string[] = [];
    const chart = createChoropleth()
      .width(480)
      .height(300)
      .fill((code) => (code === 'OH' ? 'red' : 'grey'))
      .describe((code, name) => `${name} (${code})`)
      .onFocus((code) => selections.push(`focus ${code}`))
      .onHover((code) => selections.push(`hover ${code}`))
      .duration(0);
    chart(svg, shapes);
    const ohio = svg.querySelector<SVGPathElement>('path.state[data-state="OH"]')!;
    expect(svg.querySelectorAll('path.state')).toHaveLength(51);
    expect(ohio.getAttribute('fill')).toBe('red');
    expect(ohio.getAttribute('aria-label')).toBe('Ohio (OH)');
    expect(ohio.getAttribute('tabindex')).toBe('0');
    ohio.dispatchEvent(new Event('focus'));
    ohio.dispatchEvent(new Event('blur'));
    ohio.dispatchEvent(new Event('pointerenter'));
    ohio.dispatchEvent(new Event('pointerleave'));
    expect(selections).toEqual(['focus OH', 'focus null', 'hover OH', 'hover null']);
  });

  test('outlines the selected state on top without moving the state itself', () => {
    const svg = createSvg();
    const chart = createChoropleth().duration(0);
    chart(svg, shapes);
    const texas = svg.querySelector('path.state[data-state="TX"]')!;
    const next = texas.nextSibling;
    chart.selected('TX')(svg, shapes);
    const highlight = svg.querySelector('path.state-highlight');
    expect(highlight?.getAttribute('d')).toBe(texas.getAttribute('d'));
    expect(texas.nextSibling).toBe(next);
    chart.selected(null)(svg, shapes);
    expect(svg.querySelector('path.state-highlight')).toBeNull();
  });
});
