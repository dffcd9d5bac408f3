import { arc, interpolate, type PieArcDatum, pie, select } from 'd3';
import { type Configurable, configurable } from './chart-kit.js';

/** Arc angles of each datum, computed by {@link donutLayout} (stable order: the data's order). */
export function donutLayout<D>(data: readonly D[], value: (d: D) => number): PieArcDatum<D>[] {
  return pie<D>()
    .sort(null)
    .value((d) => Math.max(0, value(d)))([...data]);
}

/** Options of a {@link DonutChart}, each a chained getter/setter. */
export interface DonutChartOptions<D> {
  /** Diameter in pixels. */
  size: number;
  /** Inner radius as a fraction of the outer radius. */
  innerRatio: number;
  /** Identity of a slice across updates: arcs tween from their previous angles. */
  key: (d: D) => string;
  value: (d: D) => number;
  color: (d: D) => string;
  /** Tooltip of a slice. */
  title: (d: D) => string;
  /** Big text in the hole (e.g. total votes) and a small caption under it. */
  centerText: string;
  centerCaption: string;
  /** Transition length in ms; 0 draws immediately. */
  duration: number;
}

/** A reusable donut chart with keyed arcs. Call it with an `<svg>` and the slices. */
export type DonutChart<D> = Configurable<
  (svg: SVGSVGElement, data: readonly D[]) => void,
  DonutChartOptions<D>
>;

type Angles = { startAngle: number; endAngle: number };
interface ArcElement extends SVGPathElement {
  __current?: Angles;
}

/** Creates a donut chart. */
export function createDonutChart<D>(): DonutChart<D> {
  const o: DonutChartOptions<D> = {
    size: 240,
    innerRatio: 0.62,
    key: (d) => String(d),
    value: () => 0,
    color: () => '#2166ac',
    title: (d) => String(d),
    centerText: '',
    centerCaption: '',
    duration: 600,
  };

  const draw = (svgElement: SVGSVGElement, data: readonly D[]): void => {
    const radius = o.size / 2;
    const shape = arc<Angles>()
      .innerRadius(radius * o.innerRatio)
      .outerRadius(radius - 2)
      .padAngle(0.012);
    const total = data.reduce((sum, d) => sum + Math.max(0, o.value(d)), 0);
    const arcs = total > 0 ? donutLayout(data, o.value) : [];
    const svg = select(svgElement)
      .attr('viewBox', `${-radius} ${-radius} ${o.size} ${o.size}`)
      .attr('width', o.size)
      .attr('height', o.size);

    // A grey ring stands in before the first vote.
    svg
      .selectAll('circle.donut-empty')
      .data(arcs.length === 0 ? [0] : [])
      .join('circle')
      .attr('class', 'donut-empty')
      .attr('r', (radius * (1 + o.innerRatio)) / 2 - 1)
      .attr('stroke-width', radius * (1 - o.innerRatio) - 2);

    const paths = svg
      .selectAll<ArcElement, PieArcDatum<D>>('path.donut-arc')
      .data(arcs, (a) => o.key(a.data))
      .join((enter) =>
        enter
          .append('path')
          .attr('class', 'donut-arc')
          .each(function (a) {
            (this as ArcElement).__current = { startAngle: a.startAngle, endAngle: a.startAngle };
          }),
      )
      .attr('data-key', (a) => o.key(a.data))
      .attr('fill', (a) => o.color(a.data));
    paths
      .selectAll('title')
      .data((a) => [a])
      .join('title')
      .text((a) => o.title(a.data));

    if (o.duration > 0) {
      paths
        .transition()
        .duration(o.duration)
        .attrTween('d', function (a) {
          const element = this as ArcElement;
          const target = { startAngle: a.startAngle, endAngle: a.endAngle };
          const from = interpolate(element.__current ?? target, target);
          element.__current = target;
          return (t) => shape(from(t)) ?? '';
        });
    } else {
      paths
        .attr('d', (a) => shape(a) ?? '')
        .each(function (a) {
          (this as ArcElement).__current = { startAngle: a.startAngle, endAngle: a.endAngle };
        });
    }

    const center = svg
      .selectAll<SVGTextElement, null>('text.donut-center')
      .data([null])
      .join((enter) => {
        const text = enter.append('text').attr('class', 'donut-center').attr('text-anchor', 'middle');
        text.append('tspan').attr('class', 'donut-center-value').attr('x', 0).attr('dy', '-0.1em');
        text.append('tspan').attr('class', 'donut-center-caption').attr('x', 0).attr('dy', '1.5em');
        return text;
      });
    center.select('tspan.donut-center-value').text(o.centerText);
    center.select('tspan.donut-center-caption').text(o.centerCaption);
  };

  return configurable(draw, o);
}
