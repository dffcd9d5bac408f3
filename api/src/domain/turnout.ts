import { candidateDirectory, rankCandidates } from './candidates.js';
import { percent } from './percent.js';
import { countsBy, toCount, toText } from './tables.js';
import type { ResultsInput, StateTurnout } from './types.js';
import { stateName, US_STATES } from './us-states.js';

/**
 * Turnout and results of every state (the 50 states and DC, plus any other code the data holds),
 * by code: TURNOUT_BY_STATE over REGISTERED_BY_STATE, each state's candidates ranked from
 * VOTES_BY_STATE_CANDIDATE.
 */
export function stateTurnouts(input: ResultsInput): StateTurnout[] {
  const votes = countsBy(input.tables.TURNOUT_BY_STATE, 'STATE', 'VOTES');
  const registered = countsBy(input.tables.REGISTERED_BY_STATE, 'STATE', 'REGISTERED');
  const byState = new Map<string, Map<string, number>>();
  for (const row of input.tables.VOTES_BY_STATE_CANDIDATE ?? []) {
    const state = toText(row['STATE']);
    let candidates = byState.get(state);
    if (!candidates) {
      candidates = new Map();
      byState.set(state, candidates);
    }
    const id = toText(row['CANDIDATE_ID']);
    candidates.set(id, (candidates.get(id) ?? 0) + toCount(row['VOTES']));
  }
  const codes = new Set<string>([
    ...US_STATES.keys(),
    ...votes.keys(),
    ...registered.keys(),
    ...byState.keys(),
  ]);
  codes.delete('');
  const candidates = [...candidateDirectory(input).values()];
  return [...codes].sort().map((code) => {
    const stateVotes = votes.get(code) ?? 0;
    const registeredVoters = registered.get(code) ?? 0;
    const results = rankCandidates(candidates, byState.get(code) ?? new Map());
    const leader = results[0] && results[0].votes > 0 ? results[0] : null;
    return {
      code,
      name: stateName(code),
      registeredVoters,
      votes: stateVotes,
      turnoutPercent: percent(stateVotes, registeredVoters),
      leader,
      results,
    };
  });
}

/** One state's turnout by code (case-insensitive), or null when the code is not a known state. */
export function stateTurnout(input: ResultsInput, code: string): StateTurnout | null {
  const wanted = code.trim().toUpperCase();
  return stateTurnouts(input).find((state) => state.code === wanted) ?? null;
}
