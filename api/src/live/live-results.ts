import type { Logger } from '@tally/common';
import { TABLE_KEYS, type TableName, type TableRows } from '../domain/tables.js';
import type { Candidate, ResultsInput } from '../domain/types.js';
import type { BackoffOptions } from './backoff.js';
import { type ChangeSignal, coalesce } from './coalesce.js';
import { LiveView, type LiveViewEvents } from './live-view.js';
import type { TableFeed } from './table-feed.js';

/** The candidates' register, refreshed now and then; a change signal of its own. */
export interface CandidateSource extends ChangeSignal {
  /** The candidates known now (empty until loaded). */
  current(): readonly Candidate[];
  /** Increases when the list changes. */
  readonly version: number;
}

/** Options of `LiveResults`. */
export interface LiveResultsOptions {
  feedFor(table: TableName): TableFeed;
  candidates: CandidateSource;
  logger?: Logger | undefined;
  events?: LiveViewEvents | undefined;
  backoff?: BackoffOptions | undefined;
  settleSnapshotMs?: number | undefined;
}

interface Memo {
  version: string;
  value: unknown;
  json: string;
}

const MAX_MEMOS = 256;

/**
 * The live views of one API process: one `LiveView` (one push query) per table, started on first
 * use and shared by every subscriber, and the derived results (summary, turnout…) computed once
 * per change and shared too, so 10 000 subscribers cost one computation per change, not 10 000.
 */
export class LiveResults {
  private readonly options: LiveResultsOptions;
  private readonly views = new Map<TableName, LiveView>();
  private readonly memos = new Map<string, Memo>();

  constructor(options: LiveResultsOptions) {
    this.options = options;
  }

  /** The view of `table`, started if it was not. */
  view(table: TableName): LiveView {
    let view = this.views.get(table);
    if (!view) {
      view = new LiveView({
        feed: this.options.feedFor(table),
        keyColumns: TABLE_KEYS[table],
        logger: this.options.logger,
        events: this.options.events,
        backoff: this.options.backoff,
        settleSnapshotMs: this.options.settleSnapshotMs,
      });
      this.views.set(table, view);
      view.start();
    }
    return view;
  }

  /** The views started so far. */
  startedViews(): LiveView[] {
    return [...this.views.values()];
  }

  /** The inputs of a computation over `tables`, or undefined while one of them is still loading. */
  input(tables: readonly TableName[]): ResultsInput | undefined {
    const rows: TableRows = {};
    let lastChange = 0;
    for (const table of tables) {
      const view = this.view(table);
      if (!view.ready) return undefined;
      rows[table] = view.values();
      lastChange = Math.max(lastChange, view.lastChangeAt?.getTime() ?? 0);
    }
    return {
      tables: rows,
      candidates: this.options.candidates.current(),
      lastChangeAt: lastChange > 0 ? new Date(lastChange) : null,
    };
  }

  /** The latest change of any started view, if any. */
  lastChangeAt(): Date | null {
    const latest = Math.max(0, ...this.startedViews().map((view) => view.lastChangeAt?.getTime() ?? 0));
    return latest > 0 ? new Date(latest) : null;
  }

  /**
   * A subscriber's stream of `compute(input)` over `tables`: the current value first, then the
   * latest value after changes (coalesced for slow subscribers). `key` names the computation and
   * its arguments: subscribers with the same key share one computation per change.
   */
  watch<T>(
    key: string,
    tables: readonly TableName[],
    compute: (input: ResultsInput) => T,
  ): AsyncIterableIterator<T> {
    const views = tables.map((table) => this.view(table));
    const signal = {
      onChange: (listener: () => void) => {
        const offs = [
          ...views.map((view) => view.onChange(listener)),
          this.options.candidates.onChange(listener),
        ];
        return () => {
          for (const off of offs) off();
        };
      },
    };
    let lastJson: string | undefined;
    return coalesce(signal, () => {
      const memo = this.compute(key, tables, compute);
      if (!memo || memo.json === lastJson) return undefined;
      lastJson = memo.json;
      return memo.value as T;
    });
  }

  private compute<T>(key: string, tables: readonly TableName[], compute: (input: ResultsInput) => T) {
    const version = `${tables.map((table) => this.view(table).version).join('.')}:${this.options.candidates.version}`;
    const cached = this.memos.get(key);
    if (cached && cached.version === version) return cached;
    const input = this.input(tables);
    if (!input) return undefined;
    const value = compute(input);
    const memo: Memo = { version, value, json: JSON.stringify(value) };
    if (this.memos.size >= MAX_MEMOS) this.memos.clear();
    this.memos.set(key, memo);
    return memo;
  }

  /** Stops every view. */
  async close(): Promise<void> {
    await Promise.all(this.startedViews().map((view) => view.stop()));
  }
}
