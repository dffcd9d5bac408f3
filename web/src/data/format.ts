import { format } from 'd3';

/** `1234567` → `1,234,567`. */
export const formatInt = format(',d');

/** `61.234` → `61.2%` (the API sends percentages, not fractions). */
export function formatPercent(percent: number, digits = 1): string {
  return `${percent.toFixed(digits)}%`;
}

/** `12_400` → `12.4K`, for axes. */
export const formatCompact = (n: number): string => (Math.abs(n) < 1000 ? String(n) : format('.3~s')(n));

/** Seconds since an event as "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(seconds: number): string {
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${Math.floor(seconds)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}
