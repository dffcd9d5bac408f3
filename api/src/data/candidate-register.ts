import type { Logger } from '@tally/common';
import type { Candidate } from '../domain/types.js';
import type { CandidateSource } from '../live/live-results.js';

/** Options of `createCandidateRegister`. */
export interface CandidateRegisterOptions {
  load(): Promise<Candidate[]>;
  /** How often to reload (default 30 s). */
  refreshMs?: number;
  logger?: Logger | undefined;
}

/** A `CandidateSource` with `refresh()` and `close()`. */
export interface CandidateRegister extends CandidateSource {
  /** Reloads now; resolves when done (errors are logged, the last list kept). */
  refresh(): Promise<void>;
  close(): void;
}

/**
 * The candidates' register (PostgreSQL `candidates`), kept in memory and reloaded periodically so
 * subscriptions can list candidates without a query per change; a reload that changes the list
 * tells subscribers.
 */
export function createCandidateRegister(options: CandidateRegisterOptions): CandidateRegister {
  let list: Candidate[] = [];
  let json = '[]';
  let version = 0;
  let inflight: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const refresh = (): Promise<void> => {
    inflight ??= options
      .load()
      .then((loaded) => {
        const next = JSON.stringify(loaded);
        if (next === json) return;
        list = loaded;
        json = next;
        version += 1;
        for (const listener of listeners) listener();
      })
      .catch((error: unknown) => options.logger?.warn({ err: error }, 'candidates: reload failed'))
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 30_000);
  timer.unref();
  return {
    current: () => list,
    get version() {
      return version;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
