/** `part / whole` in percent, rounded to 2 decimals; 0 when `whole` is 0. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 10_000) / 100;
}

/** Orders ids like `cand-2` before `cand-10`. */
export function compareNatural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
