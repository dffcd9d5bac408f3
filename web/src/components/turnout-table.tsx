import type { Client } from '@urql/core';
import { createEffect, createSignal, For, Index, on, onCleanup, Show } from 'solid-js';
import { formatInt, formatPercent } from '../data/format.js';
import {
  currentAfter,
  firstPage,
  nextPage,
  type Pager,
  pageCount,
  pageNumber,
  previousPage,
  toggleSort,
} from '../data/pager.js';
import type { TurnoutOrderField, TurnoutPageQuery, TurnoutPageQueryVariables } from '../generated/graphql.js';
import { TURNOUT_PAGE_QUERY } from '../graphql/operations.js';

type Page = TurnoutPageQuery['turnoutByState'];
type Sort = { field: TurnoutOrderField; direction: 'ASC' | 'DESC' };

const COLUMNS: { field: TurnoutOrderField; label: string; numeric: boolean }[] = [
  { field: 'NAME', label: 'State', numeric: false },
  { field: 'REGISTERED', label: 'Registered', numeric: true },
  { field: 'VOTES', label: 'Votes', numeric: true },
  { field: 'TURNOUT', label: 'Turnout', numeric: true },
];
const PAGE_SIZES = [10, 25, 60];

/** Props of {@link TurnoutTable}. */
export interface TurnoutTableProps {
  client: Client;
  /** Changes whenever live results are applied: the current page is fetched again. */
  revision: unknown;
  color: (id: string) => string;
}

/**
 * Turnout by state as a table the server sorts, filters and pages (cursor connection), so it scales to
 * any number of rows. It refetches its page when live results are applied (at most once a second).
 */
export function TurnoutTable(props: TurnoutTableProps) {
  const [sort, setSort] = createSignal<Sort>({ field: 'TURNOUT', direction: 'DESC' });
  const [search, setSearch] = createSignal('');
  const [minTurnout, setMinTurnout] = createSignal<number | undefined>();
  const [pageSize, setPageSize] = createSignal(10);
  const [pager, setPager] = createSignal<Pager>(firstPage);
  const [page, setPage] = createSignal<Page>();
  const [error, setError] = createSignal<string>();
  const [loading, setLoading] = createSignal(false);

  let requestId = 0;
  const fetchPage = async (): Promise<void> => {
    const id = ++requestId;
    const text = search().trim();
    const min = minTurnout();
    const variables: TurnoutPageQueryVariables = {
      first: pageSize(),
      after: currentAfter(pager()),
      orderBy: sort(),
      filter: { ...(text ? { search: text } : {}), ...(min !== undefined ? { minTurnoutPercent: min } : {}) },
    };
    setLoading(true);
    const result = await props.client.query<TurnoutPageQuery>(TURNOUT_PAGE_QUERY, variables).toPromise();
    if (id !== requestId) return;
    setLoading(false);
    if (result.data) {
      setPage(result.data.turnoutByState);
      setError(undefined);
    } else if (result.error) setError(result.error.message);
  };

  // New sort, filter or page size: back to page 1.
  createEffect(on([sort, search, minTurnout, pageSize], () => setPager({ ...firstPage }), { defer: true }));
  createEffect(on(pager, () => void fetchPage()));

  // Live results applied: refetch the page, at most once a second.
  let lastRefetch = 0;
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => props.revision,
      () => {
        if (refetchTimer) return;
        const wait = Math.max(0, 1000 - (Date.now() - lastRefetch));
        refetchTimer = setTimeout(() => {
          refetchTimer = undefined;
          lastRefetch = Date.now();
          void fetchPage();
        }, wait);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(refetchTimer));

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const onSearch = (value: string): void => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setSearch(value), 200);
  };

  const ariaSort = (field: TurnoutOrderField): 'ascending' | 'descending' | 'none' =>
    sort().field === field ? (sort().direction === 'ASC' ? 'ascending' : 'descending') : 'none';

  return (
    <section class="card turnout" aria-labelledby="turnout-heading" data-testid="turnout-table">
      <h2 id="turnout-heading">All states</h2>
      <div class="table-controls">
        <label>
          Search
          <input
            type="search"
            placeholder="State name or code"
            onInput={(e) => onSearch(e.currentTarget.value)}
            data-testid="turnout-search"
          />
        </label>
        <label>
          Minimum turnout %
          <input
            type="number"
            min="0"
            max="100"
            step="1"
            inputmode="decimal"
            data-testid="turnout-min"
            onInput={(e) => {
              const value = e.currentTarget.value;
              const percent = Number(value);
              // The API accepts 0 to 100; anything else means no minimum rather than an error.
              setMinTurnout(
                value === '' || !Number.isFinite(percent) ? undefined : Math.min(100, Math.max(0, percent)),
              );
            }}
          />
        </label>
        <label>
          Rows
          <select value={String(pageSize())} onChange={(e) => setPageSize(Number(e.currentTarget.value))}>
            <For each={PAGE_SIZES}>{(size) => <option value={String(size)}>{size}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          Could not load turnout: {error()}
        </p>
      </Show>
      <div class="table-scroll">
        <table class="data-table" aria-busy={loading()}>
          <caption class="sr-only">Turnout by state; column headers sort the table</caption>
          <thead>
            <tr>
              <For each={COLUMNS}>
                {(column) => (
                  <th scope="col" aria-sort={ariaSort(column.field)} classList={{ num: column.numeric }}>
                    <button
                      type="button"
                      class="sort-button"
                      data-sort={column.field}
                      onClick={() => setSort(toggleSort(sort(), column.field, column.numeric))}
                    >
                      {column.label}
                      <span class="sort-arrow" aria-hidden="true">
                        {sort().field === column.field ? (sort().direction === 'ASC' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                )}
              </For>
              <th scope="col">Leading</th>
            </tr>
          </thead>
          <tbody>
            <Index each={page()?.edges ?? []}>
              {(edge) => (
                <tr data-state={edge().node.code}>
                  <th scope="row">
                    {edge().node.name} <span class="muted">{edge().node.code}</span>
                  </th>
                  <td class="num">{formatInt(edge().node.registeredVoters)}</td>
                  <td class="num">{formatInt(edge().node.votes)}</td>
                  <td class="num">
                    <span
                      class="inline-bar"
                      style={{ '--value': `${Math.min(100, edge().node.turnoutPercent)}%` }}
                    >
                      {formatPercent(edge().node.turnoutPercent)}
                    </span>
                  </td>
                  <td>
                    <Show when={edge().node.leader} fallback="—">
                      {(leader) => (
                        <>
                          <span
                            class="swatch"
                            style={{ background: props.color(leader().candidate.id) }}
                            aria-hidden="true"
                          />
                          {leader().candidate.name}
                        </>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </div>
      <nav class="pagination" aria-label="Turnout table pages">
        <button
          type="button"
          disabled={pageNumber(pager()) === 1}
          onClick={() => setPager(previousPage(pager()))}
        >
          ← Previous
        </button>
        <span data-testid="turnout-page" aria-live="polite">
          Page {pageNumber(pager())} of {pageCount(page()?.totalCount ?? 0, pageSize())} ·{' '}
          {formatInt(page()?.totalCount ?? 0)} states
        </span>
        <button
          type="button"
          disabled={!page()?.pageInfo.hasNextPage}
          onClick={() => {
            const end = page()?.pageInfo.endCursor;
            if (end) setPager(nextPage(pager(), end));
          }}
        >
          Next →
        </button>
      </nav>
    </section>
  );
}
