import { createEffect } from 'solid-js';
import type { Legend } from '../charts/legend.js';

/** Owns the `<svg>` of a legend and redraws it whenever `draw` reads something new. */
export function LegendSvg(props: { legend: Legend; width: number; label: string; revision: unknown }) {
  let svg: SVGSVGElement | undefined;
  createEffect(() => {
    void props.revision;
    props.legend.width(props.width)(svg!);
  });
  return <svg ref={svg} class="legend" role="img" aria-label={props.label} />;
}
