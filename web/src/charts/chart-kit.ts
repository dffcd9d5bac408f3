import type { BaseType, Selection } from 'd3';
// Adds `selection.transition()`. `d3` declares itself side-effect free, so a bundler drops this
// patch unless the module is imported for its effect.
import 'd3-transition';

/**
 * A chained getter/setter in the d3 style: `chart.width()` reads, `chart.width(640)` sets and
 * returns the chart so calls chain.
 */
export interface Prop<T, C> {
  (): T;
  (value: T): C;
}

/** A draw function `F` with a chained getter/setter for every option of `C`. */
export type Configurable<F, C> = F & { [K in keyof C]-?: Prop<C[K], Configurable<F, C>> };

/**
 * Gives `draw` a getter/setter per key of `config` (which it reads when drawing), the way d3-axis
 * and d3-shape expose their options. Keys must not clash with function properties (`name`, `length`).
 */
export function configurable<F extends object, C extends object>(draw: F, config: C): Configurable<F, C> {
  const chart = draw as Configurable<F, C>;
  for (const key of Object.keys(config) as (keyof C)[]) {
    const accessor = (...args: [] | [C[typeof key]]) => {
      if (args.length === 0) return config[key];
      config[key] = args[0];
      return chart;
    };
    Object.defineProperty(chart, key, { value: accessor, enumerable: true });
  }
  return chart;
}

// biome-ignore lint/suspicious/noExplicitAny: d3's parent types vary per call site and do not matter here.
type AnySelection<E extends BaseType, D> = Selection<E, D, any, any>;

/**
 * The selection itself when `duration` is 0 (tests, reduced motion: the change is immediate), else a
 * transition of it. Typed as a selection so attribute calls read the same either way.
 */
export function animate<E extends BaseType, D>(
  selection: AnySelection<E, D>,
  duration: number,
): AnySelection<E, D> {
  if (duration <= 0) return selection;
  return selection.transition().duration(duration) as unknown as AnySelection<E, D>;
}

/** True when the user asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Margins around a chart's plotting area, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
