import { createSignal, type JSX, Show } from 'solid-js';

/**
 * A chart's data as a table, behind a disclosure. The table is built only while open, so a chart
 * updating every frame does not also rebuild a hidden table every frame.
 */
export function TableAlternative(props: { summary: string; children: JSX.Element }) {
  const [open, setOpen] = createSignal(false);
  return (
    <details class="table-alt" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{props.summary}</summary>
      <Show when={open()}>{props.children}</Show>
    </details>
  );
}
