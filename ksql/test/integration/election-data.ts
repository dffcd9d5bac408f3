/**
 * A small, fully known election: 7 registered voters (one registered twice), 6 of whom vote, one
 * vote re-sent byte for byte, one vote 5 minutes late (inside the 10-minute grace period) and one
 * 17 minutes late (outside it). `expected` is what every live table must hold.
 */
export const t0 = Date.UTC(2026, 10, 3, 14, 0, 0);
const minute = 60_000;

const candidates = {
  'cand-1': { candidate_name: 'Avery Brooks', party_affiliation: 'Management Party', photo_url: 'data:p1' },
  'cand-2': { candidate_name: 'Blake Chen', party_affiliation: 'Savior Party', photo_url: 'data:p2' },
  'cand-3': { candidate_name: 'Casey Diaz', party_affiliation: 'Tech Republic', photo_url: 'data:p3' },
};
type CandidateId = keyof typeof candidates;

const voter = (id: string, state: string, gender: string, age: number) => ({
  voter_id: id,
  voter_name: `Voter ${id}`,
  date_of_birth: '1980-04-12',
  gender,
  nationality: 'United States',
  registration_number: `REG-${id}`,
  address: { street: '12 Oak St', city: 'Dayton', state, country: 'United States', postcode: '45402' },
  email: `${id}@example.com`,
  phone_number: '555-0100',
  cell_number: '555-0101',
  picture: 'data:image/svg+xml;base64,AA==',
  registered_age: age,
});

export const voters = [
  voter('v1', 'OH', 'female', 44),
  voter('v2', 'OH', 'male', 23),
  voter('v3', 'CA', 'female', 67),
  voter('v4', 'TX', 'other', 30),
  voter('v5', 'CA', 'male', 50),
  voter('v6', 'OH', 'female', 40),
  voter('v7', 'OH', 'male', 81),
];

const vote = (voterId: string, candidateId: CandidateId, at: number) => {
  const v = voters.find((x) => x.voter_id === voterId)!;
  return {
    key: voterId,
    timestamp: at,
    value: JSON.stringify({
      ...v,
      candidate_id: candidateId,
      ...candidates[candidateId],
      voting_time: new Date(at).toISOString(),
      vote: 1,
    }),
  };
};

/** In production order (one partition keeps it). */
export const votes = [
  vote('v1', 'cand-1', t0 + 10_000),
  vote('v2', 'cand-2', t0 + minute + 5_000),
  vote('v3', 'cand-1', t0 + 2 * minute + 1_000),
  vote('v1', 'cand-1', t0 + 10_000), // re-sent: byte-identical
  vote('v4', 'cand-1', t0 + 20 * minute), // stream time is now 20:00
  vote('v5', 'cand-3', t0 + 15 * minute + 5_000), // 5 min late: its window [15,16) closes at 26:00
  vote('v6', 'cand-2', t0 + 3 * minute), // 17 min late: window [3,4) closed at 14:00
];

export const voterRecords = [
  ...voters.map((v) => ({ key: v.voter_id, value: JSON.stringify(v) })),
  { key: 'v7', value: JSON.stringify(voters[6]) }, // registered twice: still one voter
];

const cand = (id: CandidateId) => [
  id,
  candidates[id].candidate_name,
  candidates[id].party_affiliation,
  candidates[id].photo_url,
];

/** Rows per table, sorted, as `SELECT *` returns them (keys first). */
export const expected = {
  VOTES_PER_CANDIDATE: [
    [...cand('cand-1'), 3],
    [...cand('cand-2'), 2],
    [...cand('cand-3'), 1],
  ],
  TURNOUT_BY_STATE: [
    ['CA', 2],
    ['OH', 3],
    ['TX', 1],
  ],
  REGISTERED_BY_STATE: [
    ['CA', 2],
    ['OH', 4],
    ['TX', 1],
  ],
  VOTES_BY_STATE_CANDIDATE: [
    ['CA', 'cand-1', 1],
    ['CA', 'cand-3', 1],
    ['OH', 'cand-1', 1],
    ['OH', 'cand-2', 2],
    ['TX', 'cand-1', 1],
  ],
  VOTES_BY_GENDER: [
    ['female', 3],
    ['male', 2],
    ['other', 1],
  ],
  VOTES_BY_AGE_BAND: [
    ['18-24', 1],
    ['25-34', 1],
    ['35-44', 2],
    ['45-54', 1],
    ['65+', 1],
  ],
  /** CANDIDATE_ID, WINDOWSTART, WINDOWEND, VOTES — v6 is missing (too late for its window). */
  VOTES_OVER_TIME: [
    ['cand-1', t0, t0 + minute, 1],
    ['cand-1', t0 + 2 * minute, t0 + 3 * minute, 1],
    ['cand-1', t0 + 20 * minute, t0 + 21 * minute, 1],
    ['cand-2', t0 + minute, t0 + 2 * minute, 1],
    ['cand-3', t0 + 15 * minute, t0 + 16 * minute, 1],
  ],
};
