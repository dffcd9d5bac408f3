import { describe, expect, it } from 'vitest';
import { breakdowns } from './breakdowns.js';
import { candidateResults } from './candidates.js';
import { candidateSeries } from './series.js';
import { electionSummary } from './summary.js';
import { stateTurnout, stateTurnouts } from './turnout.js';
import type { Candidate, ResultsInput } from './types.js';

const avery: Candidate = { id: 'cand-1', name: 'Avery Brooks', party: 'Management Party', photoUrl: 'a.svg' };
const blake: Candidate = { id: 'cand-2', name: 'Blake Chen', party: 'Savior Party', photoUrl: 'b.svg' };
const casey: Candidate = { id: 'cand-10', name: 'Casey Diaz', party: 'Tech Party', photoUrl: 'c.svg' };

const MINUTE = 60_000;
const t0 = Date.parse('2026-11-03T14:00:00.000Z');

function input(overrides: Partial<ResultsInput> = {}): ResultsInput {
  return {
    candidates: [avery, blake, casey],
    lastChangeAt: null,
    tables: {
      VOTES_PER_CANDIDATE: [
        {
          CANDIDATE_ID: 'cand-1',
          CANDIDATE_NAME: 'Avery Brooks',
          PARTY_AFFILIATION: 'Management Party',
          PHOTO_URL: 'a.svg',
          VOTES: 30,
        },
        {
          CANDIDATE_ID: 'cand-2',
          CANDIDATE_NAME: 'Blake Chen',
          PARTY_AFFILIATION: 'Savior Party',
          PHOTO_URL: 'b.svg',
          VOTES: 10n,
        },
      ],
      REGISTERED_BY_STATE: [
        { STATE: 'OH', REGISTERED: 100 },
        { STATE: 'CA', REGISTERED: 60 },
      ],
      TURNOUT_BY_STATE: [
        { STATE: 'OH', VOTES: 25 },
        { STATE: 'CA', VOTES: 15 },
      ],
      VOTES_BY_STATE_CANDIDATE: [
        { STATE: 'OH', CANDIDATE_ID: 'cand-1', VOTES: 20 },
        { STATE: 'OH', CANDIDATE_ID: 'cand-2', VOTES: 5 },
        { STATE: 'CA', CANDIDATE_ID: 'cand-2', VOTES: 5 },
        { STATE: 'CA', CANDIDATE_ID: 'cand-1', VOTES: 10 },
      ],
      VOTES_BY_GENDER: [
        { GENDER: 'male', VOTES: 10 },
        { GENDER: 'female', VOTES: 30 },
      ],
      VOTES_BY_AGE_BAND: [{ AGE_BAND: '65+', VOTES: 40 }],
      VOTES_OVER_TIME: [
        { CANDIDATE_ID: 'cand-1', WINDOWSTART: t0 + MINUTE, WINDOWEND: t0 + 2 * MINUTE, VOTES: 20 },
        { CANDIDATE_ID: 'cand-1', WINDOWSTART: t0, WINDOWEND: t0 + MINUTE, VOTES: 10 },
        { CANDIDATE_ID: 'cand-2', WINDOWSTART: t0, WINDOWEND: t0 + MINUTE, VOTES: 10 },
      ],
    },
    ...overrides,
  };
}

describe('candidateResults', () => {
  it('lists every registered candidate, most votes first, with shares of the votes cast', () => {
    const results = candidateResults(input());
    expect(results.map((r) => [r.candidate.id, r.votes, r.sharePercent])).toEqual([
      ['cand-1', 30, 75],
      ['cand-2', 10, 25],
      ['cand-10', 0, 0],
    ]);
  });

  it('shows a candidate the live table knows but PostgreSQL does not yet', () => {
    const results = candidateResults(input({ candidates: [] }));
    expect(results.map((r) => r.candidate)).toEqual([avery, blake]);
  });
});

describe('electionSummary', () => {
  it('computes turnout, leader and margin', () => {
    const summary = electionSummary(input());
    expect(summary).toMatchObject({
      registeredVoters: 160,
      votesCast: 40,
      turnoutPercent: 25,
      candidateCount: 3,
      marginVotes: 20,
      marginPercent: 50,
    });
    expect(summary.leader?.candidate.id).toBe('cand-1');
    expect(summary.updatedAt?.toISOString()).toBe(new Date(t0 + MINUTE).toISOString());
  });

  it('has no leader, margin or update time before the first vote', () => {
    const summary = electionSummary(
      input({ tables: { REGISTERED_BY_STATE: [{ STATE: 'OH', REGISTERED: 5 }] } }),
    );
    expect(summary).toMatchObject({
      votesCast: 0,
      turnoutPercent: 0,
      leader: null,
      marginVotes: 0,
      updatedAt: null,
    });
  });

  it('takes the last change this API saw when it is later than the last vote minute', () => {
    const seen = new Date(t0 + 10 * MINUTE);
    expect(electionSummary(input({ lastChangeAt: seen })).updatedAt).toEqual(seen);
  });
});

describe('stateTurnouts', () => {
  it('lists the 50 states and DC, with turnout and the leading candidate', () => {
    const states = stateTurnouts(input());
    expect(states).toHaveLength(51);
    const ohio = states.find((s) => s.code === 'OH')!;
    expect(ohio).toMatchObject({ name: 'Ohio', registeredVoters: 100, votes: 25, turnoutPercent: 25 });
    expect(ohio.leader?.candidate.id).toBe('cand-1');
    expect(ohio.results.map((r) => [r.candidate.id, r.sharePercent])).toEqual([
      ['cand-1', 80],
      ['cand-2', 20],
      ['cand-10', 0],
    ]);
    expect(states.find((s) => s.code === 'WY')).toMatchObject({ votes: 0, turnoutPercent: 0, leader: null });
  });

  it('finds one state case-insensitively, null for an unknown code', () => {
    expect(stateTurnout(input(), 'ca')?.name).toBe('California');
    expect(stateTurnout(input(), 'ZZ')).toBeNull();
  });
});

describe('candidateSeries', () => {
  it('gives each candidate its minutes oldest first, candidates in id order', () => {
    const series = candidateSeries(input());
    expect(series.map((s) => s.candidate.id)).toEqual(['cand-1', 'cand-2', 'cand-10']);
    expect(
      series[0]!.points.map((p) => [p.windowStart.getTime() - t0, p.windowEnd.getTime() - t0, p.votes]),
    ).toEqual([
      [0, MINUTE, 10],
      [MINUTE, 2 * MINUTE, 20],
    ]);
    expect(series[2]!.points).toEqual([]);
  });

  it('keeps only minutes starting at or after `since`', () => {
    const series = candidateSeries(input(), new Date(t0 + MINUTE));
    expect(series.map((s) => s.points.length)).toEqual([1, 0, 0]);
  });
});

describe('breakdowns', () => {
  it('lists every gender and age band in order, with shares', () => {
    const result = breakdowns(input());
    expect(result.byGender).toEqual([
      { label: 'female', votes: 30, sharePercent: 75 },
      { label: 'male', votes: 10, sharePercent: 25 },
      { label: 'other', votes: 0, sharePercent: 0 },
    ]);
    expect(result.byAgeBand.map((r) => r.label)).toEqual([
      '18-24',
      '25-34',
      '35-44',
      '45-54',
      '55-64',
      '65+',
    ]);
    expect(result.byAgeBand.at(-1)).toEqual({ label: '65+', votes: 40, sharePercent: 100 });
  });
});
