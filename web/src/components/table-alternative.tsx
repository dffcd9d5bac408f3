import { createSignal, For, type JSX, Show } from 'solid-js';
import { type TableColumn, TableHeader } from './table-header.js';

/** Props of {@link TableAlternative}: the disclosure's text, the columns, one `<tr>` per row. */
export interface TableAlternativeProps<T> {
  summary: string;
  columns: TableColumn[];
  rows: readonly T[];
  children: (row: T) => JSX.Element;
}

/**
 * A chart's data as a table, behind a disclosure. The table is built only while open, so a chart
 * updating every frame does not also rebuild a hidden table every frame.
 */
export function TableAlternative<T>(props: TableAlternativeProps<T>) {
  const [open, setOpen] = createSignal(false);
  return (
    <details class="table-alt" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{props.summary}</summary>
      <Show when={open()}>
        <table class="data-table">
          <TableHeader columns={props.columns} />
          <tbody>
            <For each={props.rows}>{(row) => props.children(row)}</For>
          </tbody>
        </table>
      </Show>
    </details>
  );
}
