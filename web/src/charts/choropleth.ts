import { geoAlbersUsa, geoPath, select } from 'd3';
import type { Geometry } from 'geojson';
import type { StateShape } from '../data/us-states.js';
import { animate, type Configurable, configurable } from './chart-kit.js';

/** A state as drawn: its SVG path and label anchor in the map's pixel space. */
export interface ProjectedState {
  code: string;
  name: string;
  d: string;
  centroid: [number, number];
}

/** Projects states with `geoAlbersUsa` fitted to `width` × `height`; states it cannot place are left out. */
export function projectStates(
  shapes: readonly StateShape[],
  width: number,
  height: number,
  borders?: Geometry,
): { states: ProjectedState[]; borders: string } {
  const projection = geoAlbersUsa().fitSize([width, height], {
    type: 'FeatureCollection',
    features: shapes.map((s) => s.feature),
  });
  const path = geoPath(projection);
  const states = shapes.flatMap((s) => {
    const d = path(s.feature);
    if (!d) return [];
    const [cx, cy] = path.centroid(s.feature);
    return [{ code: s.code, name: s.name, d, centroid: [cx, cy] as [number, number] }];
  });
  return { states, borders: borders ? (path(borders) ?? '') : '' };
}

/** Options of a {@link Choropleth}, each a chained getter/setter. */
export interface ChoroplethOptions {
  width: number;
  height: number;
  /** Inner borders (a topojson mesh), drawn once over the fills. */
  borders: Geometry | undefined;
  fill: (code: string) => string;
  /** Accessible name of a state, e.g. "Ohio: 61.2% turnout". */
  describe: (code: string, name: string) => string;
  /** Called with the state under the pointer, or null when the pointer leaves it. */
  onHover: (code: string | null) => void;
  /** Called with the state that has the keyboard focus, or null when it loses it. */
  onFocus: (code: string | null) => void;
  /** The highlighted state. */
  selected: string | null;
  /** Transition length in ms; 0 draws immediately. */
  duration: number;
}

/**
 * A reusable choropleth of US states (geoAlbersUsa). Each state is a focusable path, so keyboard
 * users tab through the states; hover and focus report the state through `onHover` and `onFocus`. Call it with an
 * `<svg>` and the state shapes.
 */
export type Choropleth = Configurable<
  (svg: SVGSVGElement, shapes: readonly StateShape[]) => void,
  ChoroplethOptions
>;

/** Creates a choropleth. */
export function createChoropleth(): Choropleth {
  const o: ChoroplethOptions = {
    width: 960,
    height: 600,
    borders: undefined,
    fill: () => '#ddd',
    describe: (_code, name) => name,
    onHover: () => undefined,
    onFocus: () => undefined,
    selected: null,
    duration: 600,
  };
  // Projecting 50 states is the costly part: redo it only when the size or shapes change.
  let cache:
    | {
        width: number;
        height: number;
        shapes: readonly StateShape[];
        borders: Geometry | undefined;
        projected: ReturnType<typeof projectStates>;
      }
    | undefined;

  const draw = (svgElement: SVGSVGElement, shapes: readonly StateShape[]): void => {
    const { width, height, borders, fill, describe, selected, duration } = o;
    if (
      !cache ||
      cache.width !== width ||
      cache.height !== height ||
      cache.shapes !== shapes ||
      cache.borders !== borders
    ) {
      cache = { width, height, shapes, borders, projected: projectStates(shapes, width, height, borders) };
    }
    const { states, borders: borderPath } = cache.projected;
    const svg = select(svgElement)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height);
    const layer = svg.selectAll<SVGGElement, null>('g.states').data([null]).join('g').attr('class', 'states');

    const paths = layer
      .selectAll<SVGPathElement, ProjectedState>('path.state')
      .data(states, (s) => s.code)
      .join((enter) =>
        enter
          .append('path')
          .attr('class', 'state')
          .attr('tabindex', 0)
          .attr('role', 'button')
          .attr('fill', (s) => fill(s.code))
          .on('pointerenter', (_event, s) => o.onHover(s.code))
          .on('pointerleave', () => o.onHover(null))
          .on('focus', (_event, s) => o.onFocus(s.code))
          .on('blur', () => o.onFocus(null)),
      )
      .attr('d', (s) => s.d)
      .attr('data-state', (s) => s.code)
      .attr('aria-label', (s) => describe(s.code, s.name))
      .classed('is-selected', (s) => s.code === selected);
    animate(paths, duration).attr('fill', (s) => fill(s.code));

    svg
      .selectAll('path.state-borders')
      .data(borderPath ? [borderPath] : [])
      .join('path')
      .attr('class', 'state-borders')
      .attr('fill', 'none')
      .attr('d', (d) => d);
    // The selected state's outline is drawn on top as its own path (moving the focused path itself
    // to the front would take the keyboard focus away from it).
    svg
      .selectAll('path.state-highlight')
      .data(
        states.filter((s) => s.code === selected),
        (s) => (s as ProjectedState).code,
      )
      .join('path')
      .attr('class', 'state-highlight')
      .attr('fill', 'none')
      .attr('pointer-events', 'none')
      .attr('d', (s) => s.d);
  };

  return configurable(draw, o);
}
