import { max, scaleLinear, select } from 'd3';
import { animate, type Configurable, configurable } from './chart-kit.js';

/** One bar's geometry, computed by {@link barLayout}. */
export interface BarGeometry<D> {
  datum: D;
  key: string;
  /** Top of the row (label line). */
  y: number;
  /** Width of the bar in pixels. */
  width: number;
}

/** Options of {@link barLayout}. */
export interface BarLayoutOptions<D> {
  width: number;
  rowHeight: number;
  key: (d: D) => string;
  value: (d: D) => number;
  /** Domain maximum; defaults to the largest value (at least 1). */
  max?: number | undefined;
}

/** Pure layout of horizontal bars: one row per datum, widths proportional to values. */
export function barLayout<D>(data: readonly D[], options: BarLayoutOptions<D>): BarGeometry<D>[] {
  const top = options.max ?? Math.max(1, max(data, options.value) ?? 0);
  const x = scaleLinear().domain([0, top]).range([0, options.width]).clamp(true);
  return data.map((datum, index) => ({
    datum,
    key: options.key(datum),
    y: index * options.rowHeight,
    width: x(Math.max(0, options.value(datum))),
  }));
}

/** Options of a {@link BarChart}, each a chained getter/setter. */
export interface BarChartOptions<D> {
  /** Total width in pixels (bars plus the value gutter). */
  width: number;
  /** Height of one row: label line plus bar. */
  rowHeight: number;
  barHeight: number;
  /** Identity of a row across updates (keyed join, so rows move instead of being redrawn). */
  key: (d: D) => string;
  value: (d: D) => number;
  label: (d: D) => string;
  /** Muted text after the label (e.g. the party). */
  sublabel: (d: D) => string;
  /** Text in the value column, right of the bar. */
  valueText: (d: D) => string;
  color: (d: D) => string;
  /** Width of the value column right of the bars. */
  valueWidth: number;
  /** Domain maximum; the largest value when undefined. */
  max: number | undefined;
  /** Transition length in ms; 0 draws immediately. */
  duration: number;
}

/** A reusable horizontal bar chart: name above each bar, values right-aligned after it. Call it with an `<svg>` and rows. */
export type BarChart<D> = Configurable<(svg: SVGSVGElement, data: readonly D[]) => void, BarChartOptions<D>>;

/** Creates a bar chart. */
export function createBarChart<D>(): BarChart<D> {
  const o: BarChartOptions<D> = {
    width: 480,
    rowHeight: 46,
    barHeight: 16,
    key: (d) => String(d),
    value: () => 0,
    label: (d) => String(d),
    sublabel: () => '',
    valueText: (d) => String(o.value(d)),
    color: () => '#2166ac',
    valueWidth: 120,
    max: undefined,
    duration: 600,
  };

  const draw = (svgElement: SVGSVGElement, data: readonly D[]): void => {
    const plotWidth = Math.max(10, o.width - o.valueWidth);
    const layout = barLayout(data, {
      width: plotWidth,
      rowHeight: o.rowHeight,
      key: o.key,
      value: o.value,
      max: o.max,
    });
    const height = Math.max(o.rowHeight, layout.length * o.rowHeight);
    const barTop = o.rowHeight - o.barHeight - 8;
    const svg = select(svgElement)
      .attr('viewBox', `0 0 ${o.width} ${height}`)
      .attr('width', o.width)
      .attr('height', height);

    const rows = svg
      .selectAll<SVGGElement, BarGeometry<D>>('g.bar')
      .data(layout, (g) => g.key)
      .join((enter) => {
        const row = enter
          .append('g')
          .attr('class', 'bar')
          .attr('transform', (g) => `translate(0,${g.y})`);
        const name = row
          .append('text')
          .attr('class', 'bar-label')
          .attr('y', barTop - 6);
        name.append('tspan').attr('class', 'bar-name');
        name.append('tspan').attr('class', 'bar-sublabel').attr('dx', 6);
        row.append('rect').attr('class', 'bar-track').attr('rx', 2);
        row.append('rect').attr('class', 'bar-fill').attr('rx', 2).attr('width', 0);
        row.append('text').attr('class', 'bar-value').attr('text-anchor', 'end').attr('dy', '0.35em');
        return row;
      })
      .attr('data-key', (g) => g.key);

    animate(rows, o.duration).attr('transform', (g) => `translate(0,${g.y})`);
    rows.select('text.bar-label').attr('y', barTop - 6);
    rows.select('tspan.bar-name').text((g) => o.label(g.datum));
    rows.select('tspan.bar-sublabel').text((g) => o.sublabel(g.datum));
    rows.select('rect.bar-track').attr('y', barTop).attr('width', plotWidth).attr('height', o.barHeight);
    rows.select('rect.bar-fill').attr('y', barTop).attr('height', o.barHeight);
    animate(rows.select<SVGRectElement>('rect.bar-fill'), o.duration)
      .attr('width', (g) => g.width)
      .attr('fill', (g) => o.color(g.datum));
    rows
      .select('text.bar-value')
      .attr('x', o.width)
      .attr('y', barTop + o.barHeight / 2)
      .text((g) => o.valueText(g.datum));
  };

  return configurable(draw, o);
}
