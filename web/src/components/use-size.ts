import { type Accessor, createSignal, onCleanup, onMount } from 'solid-js';

/** The content-box width of an element, kept current by a ResizeObserver (charts size to their card). */
export function useWidth(element: Accessor<HTMLElement | undefined>, fallback = 320): Accessor<number> {
  const [width, setWidth] = createSignal(fallback);
  onMount(() => {
    const el = element();
    if (!el) return;
    setWidth(Math.floor(el.clientWidth) || fallback);
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box && box.width > 0) setWidth(Math.floor(box.width));
    });
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });
  return width;
}
