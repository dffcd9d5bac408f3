import { createRandom, cumulative, hashString, pickWeighted } from '../random/prng.js';
import { usStates } from '../seed/us-states.js';

/** Candidate id → relative weight (missing candidates weigh 1). */
export type CandidateWeights = Record<string, number>;
/** State code → candidate id → multiplier of that candidate's weight in the state. */
export type StateLeanings = Record<string, CandidateWeights>;

export interface ChoiceOptions {
  /** 32-bit hash of the run's seed: the same voter and seed always pick the same candidate. */
  seed: number;
  weights?: CandidateWeights;
  /** Per-state leanings, `'auto'` (derived from the seed, so the map is not uniform) or none. */
  leanings?: StateLeanings | 'auto' | 'none';
}

/** Picks a voter's candidate from the voter's id and state; pure, so a replay picks the same. */
export type CandidatePicker = (voterId: string, state: string) => string;

/** Seed-derived leanings: each candidate's weight in each state is multiplied by 0.5 … 1.5. */
export function autoLeanings(seed: number, candidateIds: readonly string[]): StateLeanings {
  const random = createRandom(seed ^ 0x1ea5_1e55);
  return Object.fromEntries(
    usStates.map((state) => [state.code, Object.fromEntries(candidateIds.map((id) => [id, 0.5 + random()]))]),
  );
}

/** Builds the picker for `candidateIds` (in a stable order) under the given weights and leanings. */
export function createCandidatePicker(
  candidateIds: readonly string[],
  options: ChoiceOptions,
): CandidatePicker {
  if (candidateIds.length === 0) throw new Error('Expected at least one candidate, found none');
  const ids = [...candidateIds].sort();
  const base = ids.map((id) => options.weights?.[id] ?? 1);
  const leanings =
    options.leanings === 'auto'
      ? autoLeanings(options.seed, ids)
      : options.leanings === 'none'
        ? {}
        : (options.leanings ?? {});
  const everywhere = cumulative(base);
  const byState = new Map(
    Object.entries(leanings).map(([state, lean]) => [
      state,
      cumulative(ids.map((id, i) => base[i]! * (lean[id] ?? 1))),
    ]),
  );
  return (voterId, state) => {
    const u = hashString(voterId, options.seed) / 4294967296;
    return ids[pickWeighted(byState.get(state) ?? everywhere, u)]!;
  };
}

/** Parses `cand-1=5,cand-2=3` into weights, saying what was expected on a bad entry. */
export function parseWeights(text: string): CandidateWeights {
  const weights: CandidateWeights = {};
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [id, value] = entry.split('=');
    const weight = Number(value);
    if (!id || value === undefined || !Number.isFinite(weight) || weight < 0) {
      throw new Error(`Expected candidate=weight (e.g. cand-1=5), found "${entry}"`);
    }
    weights[id.trim()] = weight;
  }
  return weights;
}

/** Parses `auto`, `none`, or `TX:cand-1=1.5,cand-2=0.8;CA:cand-2=1.4`. */
export function parseLeanings(text: string): StateLeanings | 'auto' | 'none' {
  if (text === 'auto' || text === 'none') return text;
  const leanings: StateLeanings = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const state = part.slice(0, colon).trim().toUpperCase();
    if (colon < 0 || !/^[A-Z]{2}$/.test(state)) {
      throw new Error(`Expected STATE:candidate=multiplier,… (e.g. TX:cand-1=1.5), found "${part}"`);
    }
    leanings[state] = parseWeights(part.slice(colon + 1));
  }
  return leanings;
}
