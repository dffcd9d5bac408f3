import type { LineSeries } from '../charts/line-chart.js';

/** A candidate's result as the API sends it (fields the dashboard uses). */
export interface CandidateResultLike {
  votes: number;
  sharePercent: number;
  candidate: { id: string; name: string; party: string };
}

/** A series of votes per minute as the API sends it. */
export interface SeriesLike {
  candidate: { id: string; name: string; party: string };
  points: readonly { windowStart: string; votes: number }[];
}

/** Most votes first; ties by name so rows never jitter. */
export function rankCandidates<T extends CandidateResultLike>(results: readonly T[]): T[] {
  return [...results].sort((a, b) => b.votes - a.votes || a.candidate.name.localeCompare(b.candidate.name));
}

/**
 * Line-chart series from votes per minute: per minute as sent, or running totals (`cumulative`),
 * points sorted by time whatever order they came in.
 */
export function toLineSeries(
  series: readonly SeriesLike[],
  color: (id: string) => string,
  cumulative: boolean,
): LineSeries[] {
  return series.map((s) => {
    const sorted = [...s.points].sort((a, b) => a.windowStart.localeCompare(b.windowStart));
    let total = 0;
    return {
      key: s.candidate.id,
      label: s.candidate.name,
      color: color(s.candidate.id),
      points: sorted.map((p) => {
        total += p.votes;
        return { date: new Date(p.windowStart), value: cumulative ? total : p.votes };
      }),
    };
  });
}

/** Canonical order of age bands (the API sends youngest first; this guards the table anyway). */
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

/** Age bands youngest first, unknown labels after, in the order received. */
export function orderAgeBands<T extends { label: string }>(rows: readonly T[]): T[] {
  const rank = (label: string): number => {
    const index = (AGE_BANDS as readonly string[]).indexOf(label);
    return index === -1 ? AGE_BANDS.length : index;
  };
  return [...rows].sort((a, b) => rank(a.label) - rank(b.label));
}

/** `female` → `Female`. */
export function capitalize(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Index of states by USPS code. */
export function indexByCode<T extends { code: string }>(states: readonly T[]): Map<string, T> {
  return new Map(states.map((s) => [s.code, s]));
}

/** The turnout range the map's colour scale spans: 0 to the highest turnout rounded up to 10 %. */
export function turnoutDomain(states: readonly { turnoutPercent: number }[]): [number, number] {
  const highest = Math.max(0, ...states.map((s) => s.turnoutPercent));
  return [0, Math.max(10, Math.ceil(highest / 10) * 10)];
}
