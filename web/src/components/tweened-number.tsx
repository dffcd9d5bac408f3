import { interpolateNumber } from 'd3';
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { prefersReducedMotion } from '../charts/chart-kit.js';

/** Props of {@link TweenedNumber}. */
export interface TweenedNumberProps {
  value: number;
  format: (n: number) => string;
  /** Tween length in ms. */
  duration?: number;
  class?: string;
}

/**
 * A number that counts smoothly to each new value. The final value is exact; a new value mid-tween
 * starts from what is shown. Screen readers get the exact value, not the animation.
 */
export function TweenedNumber(props: TweenedNumberProps) {
  const [shown, setShown] = createSignal(props.value);
  let frame = 0;
  createEffect(
    on(
      () => props.value,
      (target) => {
        cancelAnimationFrame(frame);
        const duration = props.duration ?? 500;
        if (prefersReducedMotion() || duration <= 0) return void setShown(target);
        const from = shown();
        const lerp = interpolateNumber(from, target);
        const start = performance.now();
        const step = (now: number): void => {
          const t = Math.min(1, (now - start) / duration);
          const eased = 1 - (1 - t) ** 3;
          setShown(t >= 1 ? target : lerp(eased));
          if (t < 1) frame = requestAnimationFrame(step);
        };
        frame = requestAnimationFrame(step);
      },
      { defer: true },
    ),
  );
  onCleanup(() => cancelAnimationFrame(frame));
  return (
    <span class={props.class} data-value={props.value}>
      <span class="sr-only">{props.format(props.value)}</span>
      <span aria-hidden="true">{props.format(shown())}</span>
    </span>
  );
}
