import { createEffect, createMemo, createSignal, For } from 'solid-js';
import { prefersReducedMotion } from '../charts/chart-kit.js';
import { createLineChart } from '../charts/line-chart.js';
import { formatCompact, formatInt } from '../data/format.js';
import { toLineSeries } from '../data/shape.js';
import type { LiveViews } from '../store/live-data.js';
import { TableAlternative } from './table-alternative.js';
import { useWidth } from './use-size.js';

/** Votes per minute (or running totals) per candidate, with a key and a table alternative. */
export function VotesOverTime(props: { series: LiveViews['votesOverTime']; color: (id: string) => string }) {
  let container: HTMLDivElement | undefined;
  let svg: SVGSVGElement | undefined;
  const width = useWidth(() => container, 640);
  const [cumulative, setCumulative] = createSignal(true);
  const lines = createMemo(() => toLineSeries(props.series, props.color, cumulative()));
  const chart = createLineChart()
    .yFormat(formatCompact)
    .duration(prefersReducedMotion() ? 0 : 500);
  createEffect(() => {
    const w = width();
    chart.width(w).height(Math.max(200, Math.min(340, Math.round(w * 0.45))))(svg!, lines());
  });
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <section class="card over-time" aria-labelledby="over-time-heading">
      <div class="card-head">
        <h2 id="over-time-heading">Votes over time</h2>
        <fieldset class="segmented">
          <legend class="sr-only">Show</legend>
          <label>
            <input
              type="radio"
              name="over-time"
              checked={cumulative()}
              onChange={() => setCumulative(true)}
            />
            Running total
          </label>
          <label>
            <input
              type="radio"
              name="over-time"
              checked={!cumulative()}
              onChange={() => setCumulative(false)}
            />
            Per minute
          </label>
        </fieldset>
      </div>
      <ul class="key" aria-hidden="true">
        <For each={lines()}>
          {(s) => (
            <li>
              <span class="key-line" style={{ background: s.color }} />
              {s.label}
            </li>
          )}
        </For>
      </ul>
      <div class="chart" ref={container}>
        <svg
          ref={svg}
          role="img"
          aria-label={`Line chart of ${cumulative() ? 'running total of votes' : 'votes per minute'} per candidate`}
          data-testid="over-time"
        />
      </div>
      <TableAlternative
        summary="Votes over time as a table"
        columns={[
          { label: 'Candidate' },
          { label: 'Minute' },
          { label: cumulative() ? 'Running total' : 'Votes', numeric: true },
        ]}
        rows={lines().flatMap((s) => s.points.map((p) => ({ s, p })))}
      >
        {({ s, p }) => (
          <tr>
            <th scope="row">{s.label}</th>
            <td>{timeFormat.format(p.date)}</td>
            <td class="num">{formatInt(p.value)}</td>
          </tr>
        )}
      </TableAlternative>
    </section>
  );
}
