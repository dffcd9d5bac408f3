import { axisBottom, range, scaleLinear, select } from 'd3';
import { type Configurable, configurable } from './chart-kit.js';

/** One swatch of a categorical legend. */
export interface LegendItem {
  label: string;
  color: string;
}

/** The stops of a continuous legend's gradient: `count` evenly spaced colours over the domain. */
export function rampStops(
  color: (value: number) => string,
  domain: readonly [number, number],
  count = 10,
): { offset: string; color: string }[] {
  const [lo, hi] = domain;
  return range(count).map((i) => {
    const t = count === 1 ? 0 : i / (count - 1);
    return { offset: `${(t * 100).toFixed(1)}%`, color: color(lo + t * (hi - lo)) };
  });
}

/** Options of a {@link Legend}, each a chained getter/setter. */
export interface LegendOptions {
  width: number;
  title: string;
  /** Continuous: a colour function over `domain`. */
  ramp: ((value: number) => string) | undefined;
  domain: readonly [number, number];
  tickFormat: (n: number) => string;
  /** Categorical: used when `ramp` is unset. */
  items: readonly LegendItem[];
}

/**
 * A reusable legend: a colour ramp with ticks for a continuous scale (turnout), or rows of swatches
 * for categories (leading candidate). Call it with an `<svg>`.
 */
export type Legend = Configurable<(svg: SVGSVGElement) => void, LegendOptions>;

let gradientIds = 0;

/** Creates a legend. */
export function createLegend(): Legend {
  const o: LegendOptions = {
    width: 320,
    title: '',
    ramp: undefined,
    domain: [0, 100],
    tickFormat: (n) => String(n),
    items: [],
  };
  const gradientId = `legend-gradient-${++gradientIds}`;

  const draw = (svgElement: SVGSVGElement): void => {
    const { width, title, ramp, domain, tickFormat, items } = o;
    const svg = select(svgElement);
    svg.selectAll('*').remove();
    svg.append('text').attr('class', 'legend-title').attr('x', 0).attr('y', 12).text(title);
    if (ramp) {
      const height = 48;
      svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
      const gradient = svg.append('defs').append('linearGradient').attr('id', gradientId);
      gradient
        .selectAll('stop')
        .data(rampStops(ramp, domain))
        .join('stop')
        .attr('offset', (s) => s.offset)
        .attr('stop-color', (s) => s.color);
      const barWidth = width - 16;
      svg
        .append('rect')
        .attr('class', 'legend-ramp')
        .attr('x', 0)
        .attr('y', 20)
        .attr('width', barWidth)
        .attr('height', 10)
        .attr('fill', `url(#${gradientId})`);
      const x = scaleLinear().domain(domain).range([0, barWidth]);
      svg
        .append('g')
        .attr('class', 'axis legend-axis')
        .attr('transform', 'translate(0,30)')
        .call(
          axisBottom(x)
            .ticks(Math.max(2, Math.floor(barWidth / 70)))
            .tickFormat((n) => tickFormat(Number(n)))
            .tickSize(4),
        )
        .call((g) => g.select('.domain').remove());
      return;
    }
    const rowHeight = 22;
    let cx = 0;
    let cy = 22;
    const positions = items.map((item) => {
      const itemWidth = 22 + item.label.length * 7.2;
      if (cx > 0 && cx + itemWidth > width) {
        cx = 0;
        cy += rowHeight;
      }
      const at = { item, x: cx, y: cy };
      cx += itemWidth + 12;
      return at;
    });
    svg
      .attr('viewBox', `0 0 ${width} ${cy + 14}`)
      .attr('width', width)
      .attr('height', cy + 14);
    const swatch = svg
      .selectAll('g.legend-item')
      .data(positions)
      .join('g')
      .attr('class', 'legend-item')
      .attr('transform', (p) => `translate(${p.x},${p.y})`);
    swatch
      .append('rect')
      .attr('width', 14)
      .attr('height', 14)
      .attr('rx', 2)
      .attr('fill', (p) => p.item.color);
    swatch
      .append('text')
      .attr('x', 20)
      .attr('y', 11)
      .text((p) => p.item.label);
  };

  return configurable(draw, o);
}
