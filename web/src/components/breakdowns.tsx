import { createEffect } from 'solid-js';
import { createBarChart } from '../charts/bar-chart.js';
import { prefersReducedMotion } from '../charts/chart-kit.js';
import { formatInt, formatPercent } from '../data/format.js';
import { capitalize, orderAgeBands } from '../data/shape.js';
import type { LiveViews } from '../store/live-data.js';
import { TableAlternative } from './table-alternative.js';
import { useWidth } from './use-size.js';

type Row = LiveViews['breakdowns']['byGender'][number];

/** Who voted: votes by gender and by age band. */
export function Breakdowns(props: { breakdowns: LiveViews['breakdowns'] }) {
  return (
    <section class="card breakdowns" aria-labelledby="breakdowns-heading">
      <h2 id="breakdowns-heading">Who voted</h2>
      <div class="breakdown-grid">
        <BreakdownChart
          title="By gender"
          rows={props.breakdowns.byGender}
          color="#5b4b8a"
          testId="by-gender"
        />
        <BreakdownChart
          title="By age"
          rows={orderAgeBands(props.breakdowns.byAgeBand)}
          color="#2a7f8f"
          testId="by-age"
        />
      </div>
    </section>
  );
}

function BreakdownChart(props: { title: string; rows: readonly Row[]; color: string; testId: string }) {
  let container: HTMLDivElement | undefined;
  let svg: SVGSVGElement | undefined;
  const width = useWidth(() => container);
  const chart = createBarChart<Row>()
    .rowHeight(46)
    .barHeight(12)
    .key((r) => r.label)
    .value((r) => r.votes)
    .label((r) => capitalize(r.label))
    .valueText((r) => formatPercent(r.sharePercent))
    .valueWidth(72)
    .duration(prefersReducedMotion() ? 0 : 600);
  createEffect(() => {
    chart.width(width()).color(() => props.color)(svg!, props.rows);
  });
  return (
    <div class="breakdown">
      <h3>{props.title}</h3>
      <div class="chart" ref={container}>
        <svg
          ref={svg}
          role="img"
          aria-label={`Bar chart of votes ${props.title.toLowerCase()}`}
          data-testid={props.testId}
        />
      </div>
      <TableAlternative
        summary="As a table"
        columns={[{ label: 'Group' }, { label: 'Votes', numeric: true }, { label: 'Share', numeric: true }]}
        rows={props.rows}
      >
        {(r) => (
          <tr>
            <th scope="row">{capitalize(r.label)}</th>
            <td class="num">{formatInt(r.votes)}</td>
            <td class="num">{formatPercent(r.sharePercent)}</td>
          </tr>
        )}
      </TableAlternative>
    </div>
  );
}
