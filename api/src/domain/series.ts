import { candidateDirectory, unknownCandidate } from './candidates.js';
import { compareNatural } from './percent.js';
import { toCount, toEpochMs, toText } from './tables.js';
import type { CandidateSeries, ResultsInput, TimePoint } from './types.js';

/**
 * Votes per minute per candidate (`Query.votesOverTime`) from the windowed VOTES_OVER_TIME table:
 * every known candidate (by id, so series keep their order as totals change), points oldest
 * first, only windows starting at or after `since`.
 */
export function candidateSeries(input: ResultsInput, since: Date | null = null): CandidateSeries[] {
  const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const points = new Map<string, TimePoint[]>();
  for (const row of input.tables.VOTES_OVER_TIME ?? []) {
    const start = toEpochMs(row['WINDOWSTART']);
    if (start < from) continue;
    const id = toText(row['CANDIDATE_ID']);
    let list = points.get(id);
    if (!list) {
      list = [];
      points.set(id, list);
    }
    const end = row['WINDOWEND'] === undefined ? start + 60_000 : toEpochMs(row['WINDOWEND']);
    list.push({ windowStart: new Date(start), windowEnd: new Date(end), votes: toCount(row['VOTES']) });
  }
  const directory = candidateDirectory(input);
  for (const id of points.keys()) if (!directory.has(id)) directory.set(id, unknownCandidate(id));
  return [...directory.values()]
    .sort((a, b) => compareNatural(a.id, b.id))
    .map((candidate) => ({
      candidate,
      points: (points.get(candidate.id) ?? []).sort(
        (a, b) => a.windowStart.getTime() - b.windowStart.getTime(),
      ),
    }));
}
