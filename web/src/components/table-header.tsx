import { For, type JSX } from 'solid-js';

/** A column of a data table: its header, right-aligned when the column holds numbers. */
export interface TableColumn {
  label: JSX.Element;
  numeric?: boolean;
}

/** The header row of a `data-table`: one `<th scope="col">` per column. */
export function TableHeader(props: { columns: TableColumn[] }) {
  return (
    <thead>
      <tr>
        <For each={props.columns}>
          {(column) => (
            <th scope="col" classList={{ num: column.numeric === true }}>
              {column.label}
            </th>
          )}
        </For>
      </tr>
    </thead>
  );
}
