import {
  area,
  axisBottom,
  axisLeft,
  extent,
  line,
  max,
  scaleLinear,
  scaleTime,
  select,
  timeFormat,
  timeMinute,
} from 'd3';
import { animate, type Configurable, configurable, type Margin } from './chart-kit.js';

/** One point of a series. */
export interface LinePoint {
  date: Date;
  value: number;
}

/** One line: a candidate's votes over time. */
export interface LineSeries {
  key: string;
  label: string;
  color: string;
  points: readonly LinePoint[];
}

/** The scales of a chart of `series` in a `width` × `height` plot (pure, for layout and tests). */
export function lineScales(series: readonly LineSeries[], width: number, height: number) {
  const all = series.flatMap((s) => s.points);
  const [first, last] = extent(all, (p) => p.date);
  const now = new Date();
  const x = scaleTime()
    .domain([first ?? new Date(now.getTime() - 60_000), last ?? now])
    .range([0, width]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(all, (p) => p.value) ?? 0)])
    .nice()
    .range([height, 0]);
  return { x, y };
}

/** Options of a {@link LineChart}, each a chained getter/setter. */
export interface LineChartOptions {
  width: number;
  height: number;
  margin: Margin;
  /** Labels of the y axis. */
  yFormat: (n: number) => string;
  /** Transition length in ms; 0 draws immediately. */
  duration: number;
}

/**
 * A reusable multi-series line chart over time with axes, a soft area under each line and a dot at
 * each line's end. Call it with an `<svg>` and the series.
 */
export type LineChart = Configurable<
  (svg: SVGSVGElement, series: readonly LineSeries[]) => void,
  LineChartOptions
>;

/** Creates a line chart. */
export function createLineChart(): LineChart {
  const o: LineChartOptions = {
    width: 640,
    height: 280,
    margin: { top: 12, right: 16, bottom: 28, left: 48 },
    yFormat: (n) => String(n),
    duration: 600,
  };

  const draw = (svgElement: SVGSVGElement, series: readonly LineSeries[]): void => {
    const { width, height, margin, yFormat, duration } = o;
    const innerWidth = Math.max(10, width - margin.left - margin.right);
    const innerHeight = Math.max(10, height - margin.top - margin.bottom);
    const { x, y } = lineScales(series, innerWidth, innerHeight);
    const svg = select(svgElement)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height);
    const plot = svg
      .selectAll<SVGGElement, null>('g.plot')
      .data([null])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'plot');
        g.append('g').attr('class', 'axis axis-x');
        g.append('g').attr('class', 'axis axis-y');
        g.append('g').attr('class', 'areas');
        g.append('g').attr('class', 'lines');
        g.append('g').attr('class', 'dots');
        return g;
      })
      .attr('transform', `translate(${margin.left},${margin.top})`);

    // Points are whole minutes: ticks on minutes, in the reader's local time.
    const [from, to] = x.domain() as [Date, Date];
    const minutes = Math.max(1, (to.getTime() - from.getTime()) / 60_000);
    const step = Math.max(1, Math.ceil(minutes / Math.max(2, Math.floor(innerWidth / 90))));
    plot
      .select<SVGGElement>('g.axis-x')
      .attr('transform', `translate(0,${innerHeight})`)
      .call(
        axisBottom<Date>(x).ticks(timeMinute.every(step)!).tickFormat(timeFormat('%H:%M')).tickSizeOuter(0),
      );
    plot
      .select<SVGGElement>('g.axis-y')
      .call(
        axisLeft(y)
          .ticks(Math.max(2, Math.floor(innerHeight / 50)))
          .tickFormat((n) => yFormat(Number(n)))
          .tickSize(-innerWidth),
      )
      .call((g) => g.select('.domain').remove());

    const path = line<LinePoint>()
      .x((p) => x(p.date))
      .y((p) => y(p.value));
    const fill = area<LinePoint>()
      .x((p) => x(p.date))
      .y0(innerHeight)
      .y1((p) => y(p.value));

    const areas = plot
      .select('g.areas')
      .selectAll<SVGPathElement, LineSeries>('path.series-area')
      .data(series, (s) => s.key)
      .join('path')
      .attr('class', 'series-area')
      .attr('fill', (s) => s.color);
    animate(areas, duration).attr('d', (s) => fill([...s.points]) ?? '');

    const lines = plot
      .select('g.lines')
      .selectAll<SVGPathElement, LineSeries>('path.series-line')
      .data(series, (s) => s.key)
      .join('path')
      .attr('class', 'series-line')
      .attr('fill', 'none')
      .attr('stroke', (s) => s.color);
    animate(lines, duration).attr('d', (s) => path([...s.points]) ?? '');

    const withPoints = series.filter((s) => s.points.length > 0);
    const dots = plot
      .select('g.dots')
      .selectAll<SVGCircleElement, LineSeries>('circle.series-end')
      .data(withPoints, (s) => s.key)
      .join('circle')
      .attr('class', 'series-end')
      .attr('r', 3.5)
      .attr('fill', (s) => s.color);
    animate(dots, duration)
      .attr('cx', (s) => x(s.points[s.points.length - 1]!.date))
      .attr('cy', (s) => y(s.points[s.points.length - 1]!.value));
  };

  return configurable(draw, o);
}
