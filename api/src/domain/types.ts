import type { TableRows } from './tables.js';

/**
 * The shapes the GraphQL schema returns (schema.graphql), as plain objects: the domain computes
 * them, default resolvers serialize them.
 */

/** A person standing for election. */
export interface Candidate {
  id: string;
  name: string;
  party: string;
  photoUrl: string;
}

/** A candidate's standing. */
export interface CandidateResult {
  candidate: Candidate;
  votes: number;
  sharePercent: number;
}

/** The headline numbers. */
export interface ElectionSummary {
  registeredVoters: number;
  votesCast: number;
  turnoutPercent: number;
  candidateCount: number;
  leader: CandidateResult | null;
  marginVotes: number;
  marginPercent: number;
  updatedAt: Date | null;
}

/** Turnout and results of one state. */
export interface StateTurnout {
  code: string;
  name: string;
  registeredVoters: number;
  votes: number;
  turnoutPercent: number;
  leader: CandidateResult | null;
  results: CandidateResult[];
}

/** Votes in one one-minute window. */
export interface TimePoint {
  windowStart: Date;
  windowEnd: Date;
  votes: number;
}

/** Votes per minute of one candidate. */
export interface CandidateSeries {
  candidate: Candidate;
  points: TimePoint[];
}

/** One group of a breakdown. */
export interface BreakdownRow {
  label: string;
  votes: number;
  sharePercent: number;
}

/** Votes by demographic group. */
export interface Breakdowns {
  byGender: BreakdownRow[];
  byAgeBand: BreakdownRow[];
}

/** Everything the result computations read: table rows, the candidates' register, a clock. */
export interface ResultsInput {
  tables: TableRows;
  /** Candidates known to PostgreSQL (those without votes yet included). */
  candidates: readonly Candidate[];
  /** When this API last saw the results change (a push row), if it did. */
  lastChangeAt: Date | null;
}
