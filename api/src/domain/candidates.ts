import { compareNatural, percent } from './percent.js';
import { countsBy, toCount, toText } from './tables.js';
import type { Candidate, CandidateResult, ResultsInput } from './types.js';

/**
 * Every known candidate by id: PostgreSQL's register, completed by the candidates the live
 * results table names (a candidate the register has not caught up with is still shown).
 */
export function candidateDirectory(input: ResultsInput): Map<string, Candidate> {
  const directory = new Map<string, Candidate>();
  for (const candidate of input.candidates) directory.set(candidate.id, candidate);
  for (const row of input.tables.VOTES_PER_CANDIDATE ?? []) {
    const id = toText(row['CANDIDATE_ID']);
    if (directory.has(id)) continue;
    directory.set(id, {
      id,
      name: toText(row['CANDIDATE_NAME']),
      party: toText(row['PARTY_AFFILIATION']),
      photoUrl: toText(row['PHOTO_URL']),
    });
  }
  return directory;
}

/** The placeholder for a candidate id no register knows. */
export function unknownCandidate(id: string): Candidate {
  return { id, name: id, party: '', photoUrl: '' };
}

/** Most votes first; ties by name, then id, so the order is stable. */
export function compareResults(a: CandidateResult, b: CandidateResult): number {
  return (
    b.votes - a.votes ||
    a.candidate.name.localeCompare(b.candidate.name) ||
    compareNatural(a.candidate.id, b.candidate.id)
  );
}

/** Results of `candidates` from votes per candidate id, most votes first, shares of `total`. */
export function rankCandidates(
  candidates: Iterable<Candidate>,
  votesById: ReadonlyMap<string, number>,
): CandidateResult[] {
  const seen = new Set<string>();
  const results: CandidateResult[] = [];
  for (const candidate of candidates) {
    seen.add(candidate.id);
    results.push({ candidate, votes: votesById.get(candidate.id) ?? 0, sharePercent: 0 });
  }
  for (const [id, votes] of votesById) {
    if (!seen.has(id)) results.push({ candidate: unknownCandidate(id), votes, sharePercent: 0 });
  }
  const total = results.reduce((sum, result) => sum + result.votes, 0);
  for (const result of results) result.sharePercent = percent(result.votes, total);
  return results.sort(compareResults);
}

/** Votes per candidate id from VOTES_PER_CANDIDATE. */
export function votesPerCandidate(input: ResultsInput): Map<string, number> {
  return countsBy(input.tables.VOTES_PER_CANDIDATE, 'CANDIDATE_ID', 'VOTES');
}

/** Every candidate with their votes and share, most votes first (`Query.candidates`). */
export function candidateResults(input: ResultsInput): CandidateResult[] {
  return rankCandidates(candidateDirectory(input).values(), votesPerCandidate(input));
}

/** Total votes in VOTES_PER_CANDIDATE. */
export function totalVotes(input: ResultsInput): number {
  let total = 0;
  for (const row of input.tables.VOTES_PER_CANDIDATE ?? []) total += toCount(row['VOTES']);
  return total;
}
