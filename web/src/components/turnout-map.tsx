import { interpolatePuBu, scaleSequential } from 'd3';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { prefersReducedMotion } from '../charts/chart-kit.js';
import { createChoropleth } from '../charts/choropleth.js';
import { createLegend } from '../charts/legend.js';
import { formatInt, formatPercent } from '../data/format.js';
import { indexByCode, turnoutDomain } from '../data/shape.js';
import { loadStateBorders, loadStateShapes } from '../data/us-states.js';
import type { LiveViews } from '../store/live-data.js';
import { LegendSvg } from './legend-svg.js';
import { TableAlternative } from './table-alternative.js';
import { useWidth } from './use-size.js';

type MapMode = 'turnout' | 'leader';
type State = LiveViews['states'][number];

const NO_DATA = '#e4e6ea';
const shapes = loadStateShapes();
const borders = loadStateBorders();

/** Props of {@link TurnoutMap}. */
export interface TurnoutMapProps {
  states: LiveViews['states'];
  candidates: LiveViews['candidates'];
  color: (id: string) => string;
}

/** The choropleth of turnout or leading candidate by state, with its legend and a details panel. */
export function TurnoutMap(props: TurnoutMapProps) {
  let container: HTMLDivElement | undefined;
  let svg: SVGSVGElement | undefined;
  const width = useWidth(() => container, 640);
  const [mode, setMode] = createSignal<MapMode>('turnout');
  const [hovered, setHovered] = createSignal<string | null>(null);
  const [focused, setFocused] = createSignal<string | null>(null);
  const [lastBy, setLastBy] = createSignal<'pointer' | 'keyboard'>('pointer');
  // The latest interaction wins; when it ends, the other one's state (if any) shows again.
  const selected = (): string | null =>
    lastBy() === 'pointer' ? (hovered() ?? focused()) : (focused() ?? hovered());
  const hover = (code: string | null): void => {
    setHovered(code);
    if (code) setLastBy('pointer');
  };
  const focus = (code: string | null): void => {
    setFocused(code);
    if (code) setLastBy('keyboard');
  };
  const byCode = createMemo(() => indexByCode(props.states));
  const domain = createMemo(() => turnoutDomain(props.states));
  const turnoutColour = createMemo(() => scaleSequential(domain(), interpolatePuBu));

  const fill = (code: string): string => {
    const state = byCode().get(code);
    if (!state || state.votes === 0) return NO_DATA;
    if (mode() === 'turnout') return turnoutColour()(state.turnoutPercent);
    return state.leader ? props.color(state.leader.candidate.id) : NO_DATA;
  };
  const describe = (code: string, name: string): string => {
    const state = byCode().get(code);
    if (!state) return `${name}: no data`;
    const leader = state.leader ? `, ${state.leader.candidate.name} leads` : ', no votes yet';
    return `${name}: ${formatPercent(state.turnoutPercent)} turnout, ${formatInt(state.votes)} votes${leader}`;
  };

  const chart = createChoropleth()
    .borders(borders)
    .onHover(hover)
    .onFocus(focus)
    .duration(prefersReducedMotion() ? 0 : 400);
  createEffect(() => {
    const w = width();
    chart
      .width(w)
      .height(Math.round(w * 0.62))
      .fill(fill)
      .describe(describe)
      .selected(selected())(svg!, shapes);
  });

  const legend = createLegend().tickFormat((n) => `${n}%`);
  const legendRevision = createMemo(() => {
    if (mode() === 'turnout')
      legend
        .title('Turnout')
        .ramp((v) => turnoutColour()(v))
        .domain(domain());
    else
      legend
        .title('Leading candidate')
        .ramp(undefined)
        .items([
          ...props.candidates.map((c) => ({ label: c.candidate.name, color: props.color(c.candidate.id) })),
          { label: 'No votes yet', color: NO_DATA },
        ]);
    return {};
  });

  const details = (): State | undefined => {
    const code = selected();
    return code ? byCode().get(code) : undefined;
  };

  return (
    <section class="card map" aria-labelledby="map-heading">
      <div class="card-head">
        <h2 id="map-heading">{mode() === 'turnout' ? 'Turnout by state' : 'Leading candidate by state'}</h2>
        <fieldset class="segmented">
          <legend class="sr-only">Colour the map by</legend>
          <label>
            <input
              type="radio"
              name="map-mode"
              checked={mode() === 'turnout'}
              onChange={() => setMode('turnout')}
            />
            Turnout
          </label>
          <label>
            <input
              type="radio"
              name="map-mode"
              checked={mode() === 'leader'}
              onChange={() => setMode('leader')}
            />
            Leader
          </label>
        </fieldset>
      </div>
      <div class="map-layout">
        <div class="chart" ref={container}>
          <svg
            ref={svg}
            class="choropleth"
            aria-label="Map of the United States; tab to a state for its results"
            data-testid="map"
          />
          <LegendSvg
            legend={legend}
            width={Math.min(320, width())}
            label="Map legend"
            revision={legendRevision()}
          />
        </div>
        <aside class="map-details" aria-live="polite" data-testid="map-details">
          <Show
            when={details()}
            fallback={<p class="muted">Hover over or tab to a state to see its results.</p>}
          >
            {(state) => (
              <>
                <h3>
                  {state().name} <span class="muted">{state().code}</span>
                </h3>
                <p class="big-number">
                  {formatPercent(state().turnoutPercent)} <span class="muted">turnout</span>
                </p>
                <p class="muted">
                  {formatInt(state().votes)} of {formatInt(state().registeredVoters)} registered voters
                </p>
                <Show when={state().leader} fallback={<p>No votes yet.</p>}>
                  <table class="data-table compact">
                    <caption class="sr-only">Results in {state().name}</caption>
                    <tbody>
                      <For each={state().results}>
                        {(r) => (
                          <tr>
                            <th scope="row">
                              <span
                                class="swatch"
                                style={{ background: props.color(r.candidate.id) }}
                                aria-hidden="true"
                              />
                              {r.candidate.name}
                            </th>
                            <td class="num">{formatInt(r.votes)}</td>
                            <td class="num">{formatPercent(r.sharePercent)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </Show>
              </>
            )}
          </Show>
        </aside>
      </div>
      <TableAlternative
        summary="Map data as a table"
        columns={[{ label: 'State' }, { label: 'Turnout', numeric: true }, { label: 'Leading' }]}
        rows={props.states}
      >
        {(s) => (
          <tr>
            <th scope="row">{s.name}</th>
            <td class="num">{formatPercent(s.turnoutPercent)}</td>
            <td>{s.leader?.candidate.name ?? '—'}</td>
          </tr>
        )}
      </TableAlternative>
    </section>
  );
}
