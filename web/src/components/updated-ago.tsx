import { createSignal, onCleanup, Show } from 'solid-js';
import { formatAgo } from '../data/format.js';

/** "Updated 12 s ago", ticking every second, from when the page last applied new results. */
export function UpdatedAgo(props: { at: number | undefined; resultsChangedAt: string | null | undefined }) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  const title = () =>
    props.resultsChangedAt
      ? `Results last changed at ${new Date(props.resultsChangedAt).toLocaleString()}`
      : '';
  return (
    <span class="updated" title={title()} data-testid="updated-ago">
      <Show when={props.at} fallback="Waiting for results…">
        {(at) => `Updated ${formatAgo(Math.max(0, (now() - at()) / 1000))}`}
      </Show>
    </span>
  );
}
