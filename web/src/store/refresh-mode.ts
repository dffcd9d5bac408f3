import { animationFrame, every, type Scheduler } from './frame-store.js';

/** How the page applies updates: as they come, not at all, or every few seconds. */
export type RefreshMode = { kind: 'live' } | { kind: 'paused' } | { kind: 'interval'; seconds: number };

/** The intervals offered in the refresh setting, in seconds. */
export const REFRESH_INTERVALS = [5, 10, 30, 60] as const;

/** The frame-store scheduler implementing a refresh mode (`null` = hold updates). */
export function schedulerFor(mode: RefreshMode): Scheduler | null {
  switch (mode.kind) {
    case 'live':
      return animationFrame;
    case 'paused':
      return null;
    case 'interval':
      return every(mode.seconds * 1000);
  }
}

/** The `<select>` value of a mode (`live`, `paused`, `10`), and back. */
export function refreshModeValue(mode: RefreshMode): string {
  return mode.kind === 'interval' ? String(mode.seconds) : mode.kind;
}

/** Parses a `<select>` value; anything unknown means live. */
export function parseRefreshMode(value: string): RefreshMode {
  if (value === 'paused') return { kind: 'paused' };
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds > 0) return { kind: 'interval', seconds };
  return { kind: 'live' };
}
