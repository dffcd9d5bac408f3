import { percent } from './percent.js';
import { countsBy } from './tables.js';
import type { BreakdownRow, Breakdowns, ResultsInput } from './types.js';

/** Genders of docs/data-model.md, in display order. */
export const GENDERS = ['female', 'male', 'other'] as const;
/** Age bands of docs/data-model.md, youngest first. */
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

/** Votes by gender and by age band (`Query.breakdowns`), every known group listed, even at 0. */
export function breakdowns(input: ResultsInput): Breakdowns {
  return {
    byGender: rows(countsBy(input.tables.VOTES_BY_GENDER, 'GENDER', 'VOTES'), GENDERS),
    byAgeBand: rows(countsBy(input.tables.VOTES_BY_AGE_BAND, 'AGE_BAND', 'VOTES'), AGE_BANDS),
  };
}

function rows(counts: ReadonlyMap<string, number>, known: readonly string[]): BreakdownRow[] {
  const labels = [...known, ...[...counts.keys()].filter((label) => !known.includes(label)).sort()];
  const total = [...counts.values()].reduce((sum, votes) => sum + votes, 0);
  return labels.map((label) => {
    const votes = counts.get(label) ?? 0;
    return { label, votes, sharePercent: percent(votes, total) };
  });
}
