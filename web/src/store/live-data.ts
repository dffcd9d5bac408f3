import type { Client } from '@urql/core';
import { batch, createSignal } from 'solid-js';
import { retryDelayMs } from '../client/connection-status.js';
import type {
  BreakdownsSubscription,
  CandidatesSubscription,
  StatesSubscription,
  SummarySubscription,
  VotesOverTimeSubscription,
} from '../generated/graphql.js';
import {
  BREAKDOWNS_SUBSCRIPTION,
  CANDIDATES_SUBSCRIPTION,
  STATES_SUBSCRIPTION,
  SUMMARY_SUBSCRIPTION,
  VOTES_OVER_TIME_SUBSCRIPTION,
} from '../graphql/operations.js';
import { createFrameStore, type FrameStore } from './frame-store.js';

/** The payload of each live view, as its subscription delivers it. */
export interface LiveViews {
  summary: SummarySubscription['summary'];
  candidates: CandidatesSubscription['candidates'];
  states: StatesSubscription['turnoutByState'];
  votesOverTime: VotesOverTimeSubscription['votesOverTime'];
  breakdowns: BreakdownsSubscription['breakdowns'];
}

/** Reactive accessors of the live views, updated at most once per frame (or per refresh interval). */
export interface LiveData {
  summary: () => LiveViews['summary'] | undefined;
  candidates: () => LiveViews['candidates'] | undefined;
  states: () => LiveViews['states'] | undefined;
  votesOverTime: () => LiveViews['votesOverTime'] | undefined;
  breakdowns: () => LiveViews['breakdowns'] | undefined;
  /** `Date.now()` when the page last applied new results. */
  appliedAt: () => number | undefined;
  /** Views with an update held back (paused or between intervals). */
  pending: () => number;
  /** The store the subscriptions feed (the refresh setting swaps its scheduler). */
  store: FrameStore<LiveViews>;
  /** Ends every subscription. */
  stop(): void;
}

/**
 * Subscribes to every live view. Each subscription's first message is the current state; payloads
 * go through a frame store so bursts of messages cost one render. A subscription that fails is
 * re-established with backoff, forever.
 */
export function createLiveData(client: Client, store = createFrameStore<LiveViews>()): LiveData {
  const [summary, setSummary] = createSignal<LiveViews['summary']>();
  const [candidates, setCandidates] = createSignal<LiveViews['candidates']>();
  const [states, setStates] = createSignal<LiveViews['states']>();
  const [votesOverTime, setVotesOverTime] = createSignal<LiveViews['votesOverTime']>();
  const [breakdowns, setBreakdowns] = createSignal<LiveViews['breakdowns']>();
  const [appliedAt, setAppliedAt] = createSignal<number>();
  const [pending, setPending] = createSignal(0);

  const stopFlush = store.subscribe((update) =>
    batch(() => {
      if (update.summary) setSummary(() => update.summary);
      if (update.candidates) setCandidates(() => update.candidates);
      if (update.states) setStates(() => update.states);
      if (update.votesOverTime) setVotesOverTime(() => update.votesOverTime);
      if (update.breakdowns) setBreakdowns(() => update.breakdowns);
      setAppliedAt(Date.now());
      setPending(store.pendingCount());
    }),
  );
  const push = <K extends keyof LiveViews>(view: K, payload: LiveViews[K]): void => {
    store.push(view, payload);
    setPending(store.pendingCount());
  };

  const stops = [
    keepSubscribed<SummarySubscription>(client, SUMMARY_SUBSCRIPTION, (d) => push('summary', d.summary)),
    keepSubscribed<CandidatesSubscription>(client, CANDIDATES_SUBSCRIPTION, (d) =>
      push('candidates', d.candidates),
    ),
    keepSubscribed<StatesSubscription>(client, STATES_SUBSCRIPTION, (d) => push('states', d.turnoutByState)),
    keepSubscribed<VotesOverTimeSubscription>(client, VOTES_OVER_TIME_SUBSCRIPTION, (d) =>
      push('votesOverTime', d.votesOverTime),
    ),
    keepSubscribed<BreakdownsSubscription>(client, BREAKDOWNS_SUBSCRIPTION, (d) =>
      push('breakdowns', d.breakdowns),
    ),
  ];

  return {
    summary,
    candidates,
    states,
    votesOverTime,
    breakdowns,
    appliedAt,
    pending,
    store,
    stop() {
      stopFlush();
      for (const stop of stops) stop();
    },
  };
}

/** Runs a subscription and starts it again (with backoff) whenever it errors; returns its end. */
export function keepSubscribed<D>(client: Client, query: string, onData: (data: D) => void): () => void {
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { unsubscribe(): void } | undefined;
  const start = (): void => {
    let failed = false;
    current = client.subscription<D>(query, {}).subscribe((result) => {
      if (result.data) {
        attempt = 0;
        onData(result.data);
      }
      if (result.error && !failed) {
        failed = true;
        console.warn(`subscription failed, retrying: ${result.error.message}`);
        queueMicrotask(() => current?.unsubscribe());
        if (!stopped) timer = setTimeout(start, retryDelayMs(attempt++));
      }
    });
  };
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    current?.unsubscribe();
  };
}
