import { candidateResults } from './candidates.js';
import { percent } from './percent.js';
import { toCount, toEpochMs } from './tables.js';
import type { ElectionSummary, ResultsInput } from './types.js';

/**
 * The headline numbers (`Query.summary`) from VOTES_PER_CANDIDATE, REGISTERED_BY_STATE and
 * VOTES_OVER_TIME. `updatedAt` is the later of the last change this API saw and the start of the
 * latest minute holding votes: both are moments the results are known to have changed.
 */
export function electionSummary(input: ResultsInput): ElectionSummary {
  const results = candidateResults(input);
  const votesCast = results.reduce((sum, result) => sum + result.votes, 0);
  let registeredVoters = 0;
  for (const row of input.tables.REGISTERED_BY_STATE ?? []) registeredVoters += toCount(row['REGISTERED']);
  const leader = votesCast > 0 ? (results[0] ?? null) : null;
  const marginVotes = leader ? leader.votes - (results[1]?.votes ?? 0) : 0;
  return {
    registeredVoters,
    votesCast,
    turnoutPercent: percent(votesCast, registeredVoters),
    candidateCount: results.length,
    leader,
    marginVotes,
    marginPercent: percent(marginVotes, votesCast),
    updatedAt: votesCast > 0 ? lastUpdate(input) : null,
  };
}

function lastUpdate(input: ResultsInput): Date | null {
  let latest = input.lastChangeAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  for (const row of input.tables.VOTES_OVER_TIME ?? []) {
    if (toCount(row['VOTES']) > 0) latest = Math.max(latest, toEpochMs(row['WINDOWSTART']));
  }
  return Number.isFinite(latest) ? new Date(latest) : null;
}
