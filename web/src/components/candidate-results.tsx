import { createEffect, Index } from 'solid-js';
import { createBarChart } from '../charts/bar-chart.js';
import { prefersReducedMotion } from '../charts/chart-kit.js';
import { createDonutChart } from '../charts/donut-chart.js';
import { formatInt, formatPercent } from '../data/format.js';
import { rankCandidates } from '../data/shape.js';
import type { LiveViews } from '../store/live-data.js';
import { TableHeader } from './table-header.js';
import { useWidth } from './use-size.js';

type Results = LiveViews['candidates'];
type Result = Results[number];

/** Props shared by the three views of the candidates' results. */
interface ResultsProps {
  results: Results;
  color: (id: string) => string;
}

/** Votes per candidate as a bar chart, a donut and a table (the table is the charts' text alternative). */
export function CandidateResults(props: ResultsProps) {
  return (
    <section class="card results" aria-labelledby="results-heading">
      <h2 id="results-heading">Votes by candidate</h2>
      <div class="results-grid">
        <CandidateBars {...props} />
        <CandidateDonut {...props} />
      </div>
      <CandidateTable {...props} />
    </section>
  );
}

function CandidateBars(props: ResultsProps) {
  let container: HTMLDivElement | undefined;
  let svg: SVGSVGElement | undefined;
  const width = useWidth(() => container);
  const chart = createBarChart<Result>()
    .key((r) => r.candidate.id)
    .value((r) => r.votes)
    .label((r) => r.candidate.name)
    .sublabel((r) => r.candidate.party)
    .valueText((r) => `${formatInt(r.votes)} · ${formatPercent(r.sharePercent)}`)
    .valueWidth(170)
    .duration(prefersReducedMotion() ? 0 : 600);
  createEffect(() => {
    const ranked = rankCandidates(props.results);
    chart.width(width()).color((r) => props.color(r.candidate.id))(svg!, ranked);
  });
  return (
    <div class="chart bars" ref={container}>
      <svg
        ref={svg}
        role="img"
        aria-label="Bar chart of votes per candidate; the table below lists the same numbers"
        data-testid="candidate-bars"
      />
    </div>
  );
}

function CandidateDonut(props: ResultsProps) {
  let svg: SVGSVGElement | undefined;
  const chart = createDonutChart<Result>()
    .size(220)
    .key((r) => r.candidate.id)
    .value((r) => r.votes)
    .title((r) => `${r.candidate.name}: ${formatInt(r.votes)} votes (${formatPercent(r.sharePercent)})`)
    .centerCaption('votes')
    .duration(prefersReducedMotion() ? 0 : 600);
  createEffect(() => {
    const total = props.results.reduce((sum, r) => sum + r.votes, 0);
    chart.color((r) => props.color(r.candidate.id)).centerText(formatInt(total))(svg!, props.results);
  });
  return (
    <div class="chart donut">
      <svg
        ref={svg}
        role="img"
        aria-label="Donut chart of each candidate's share of the vote"
        data-testid="candidate-donut"
      />
    </div>
  );
}

function CandidateTable(props: ResultsProps) {
  return (
    <table class="data-table" data-testid="candidate-table">
      <caption class="sr-only">Votes per candidate, most votes first</caption>
      <TableHeader
        columns={[
          { label: 'Candidate' },
          { label: 'Party' },
          { label: 'Votes', numeric: true },
          { label: 'Share', numeric: true },
        ]}
      />
      <tbody>
        <Index each={rankCandidates(props.results)}>
          {(r) => (
            <tr data-candidate={r().candidate.id}>
              <th scope="row">
                <span
                  class="swatch"
                  style={{ background: props.color(r().candidate.id) }}
                  aria-hidden="true"
                />
                {r().candidate.name}
              </th>
              <td>{r().candidate.party}</td>
              <td class="num">{formatInt(r().votes)}</td>
              <td class="num">{formatPercent(r().sharePercent)}</td>
            </tr>
          )}
        </Index>
      </tbody>
    </table>
  );
}
