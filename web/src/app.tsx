import { createEffect, createMemo, createSignal, onCleanup, Show } from 'solid-js';
import type { ApiClient } from './client/api-client.js';
import { AuditBadge } from './components/audit-badge.js';
import { Breakdowns } from './components/breakdowns.js';
import { CandidateResults } from './components/candidate-results.js';
import { ConnectionIndicator } from './components/connection-indicator.js';
import { LeaderCard } from './components/leader-card.js';
import { RefreshControl } from './components/refresh-control.js';
import { Totals } from './components/totals.js';
import { TurnoutMap } from './components/turnout-map.js';
import { TurnoutTable } from './components/turnout-table.js';
import { UpdatedAgo } from './components/updated-ago.js';
import { VotesOverTime } from './components/votes-over-time.js';
import { createPalette } from './data/palette.js';
import type { LiveData } from './store/live-data.js';
import { type RefreshMode, schedulerFor } from './store/refresh-mode.js';

/** The results page: header with status, headline numbers, charts, map and tables. */
export function App(props: { api: ApiClient; live: LiveData }) {
  const { api, live } = props;
  const [phase, setPhase] = createSignal(api.connection().phase);
  onCleanup(api.onConnection((state) => setPhase(state.phase)));

  const [mode, setMode] = createSignal<RefreshMode>({ kind: 'live' });
  const changeMode = (next: RefreshMode): void => {
    setMode(next);
    live.store.setScheduler(schedulerFor(next));
  };

  // The palette changes only when the set of candidates does, not on every vote.
  const lineup = createMemo(
    () =>
      (live.candidates() ?? [])
        .map((c) => ({ id: c.candidate.id, party: c.candidate.party }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    [],
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const color = createMemo(() => createPalette(lineup()));
  createEffect(() => {
    const leader = live.summary()?.leader;
    document.title = leader
      ? `${leader.candidate.name} leads · Election results`
      : 'Election results · Tally';
  });

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to results
      </a>
      <header class="masthead">
        <div class="masthead-inner">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">
              T
            </span>
            <div>
              <p class="brand-name">Tally</p>
              <h1>Election results</h1>
            </div>
          </div>
          <div class="status-bar">
            <ConnectionIndicator phase={phase()} />
            <UpdatedAgo at={live.appliedAt()} resultsChangedAt={live.summary()?.updatedAt} />
            <AuditBadge client={api.urql} />
            <RefreshControl
              mode={mode()}
              onChange={changeMode}
              pending={live.pending()}
              onApplyNow={() => live.store.flushNow()}
            />
          </div>
        </div>
      </header>
      <main id="main" class="page">
        <Show when={live.summary()} fallback={<p class="loading">Loading the latest results…</p>}>
          {(summary) => (
            <div class="hero">
              <LeaderCard summary={summary()} color={color()} />
              <Totals summary={summary()} />
            </div>
          )}
        </Show>
        <Show when={live.candidates()}>
          {(results) => <CandidateResults results={results()} color={color()} />}
        </Show>
        <Show when={live.states()}>
          {(states) => <TurnoutMap states={states()} candidates={live.candidates() ?? []} color={color()} />}
        </Show>
        <Show when={live.votesOverTime()}>
          {(series) => <VotesOverTime series={series()} color={color()} />}
        </Show>
        <Show when={live.breakdowns()}>{(breakdowns) => <Breakdowns breakdowns={breakdowns()} />}</Show>
        <TurnoutTable client={api.urql} revision={live.states()} color={color()} />
      </main>
      <footer class="footer">
        <p>
          Live results from ksqlDB persistent queries over the vote stream, audited against PostgreSQL. Tally
          counts every voter at most once.
        </p>
      </footer>
    </>
  );
}
