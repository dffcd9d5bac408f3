/**
 * The chaos test's input: a seeded, reproducible stream of election votes as docs/data-model.md
 * defines them (key = voter_id, JSON value = voter fields + candidate fields + voting_time, record
 * timestamp = voting_time), with byte-identical re-sends, a few voters changing their vote, and
 * malformed records of every kind the engine sends to the processing log mixed in.
 */

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Candidate {
  candidate_id: string;
  candidate_name: string;
  party_affiliation: string;
  photo_url: string;
}

export const CANDIDATES: Candidate[] = [
  ['cand-1', 'Avery Brooks', 'Management Party'],
  ['cand-2', 'Jordan Ellis', 'Savior Party'],
  ['cand-3', 'Riley Chen', 'Tech Republic Party'],
  ['cand-4', 'Morgan Diaz', 'Green Future Party'],
].map(([id, name, party]) => ({
  candidate_id: id!,
  candidate_name: name!,
  party_affiliation: party!,
  photo_url: `data:image/svg+xml;base64,${Buffer.from(`<svg id="${id}"/>`).toString('base64')}`,
}));

/** A few states, weighted roughly by population. */
const STATES: [string, number][] = [
  ['CA', 39],
  ['TX', 30],
  ['FL', 22],
  ['NY', 20],
  ['PA', 13],
  ['OH', 12],
  ['GA', 11],
  ['MI', 10],
  ['WA', 8],
  ['CO', 6],
  ['NV', 3],
  ['DC', 1],
];
const GENDERS = ['female', 'male', 'other'];

export interface Voter {
  voter_id: string;
  voter_name: string;
  date_of_birth: string;
  gender: string;
  nationality: string;
  registration_number: string;
  address: { street: string; city: string; state: string; country: string; postcode: string };
  email: string;
  phone_number: string;
  cell_number: string;
  picture: string;
  registered_age: number;
}

/** One record of the votes topic, in production order. */
export interface VoteRecord {
  key: string | null;
  value: string;
  timestamp: number;
  /** What the record is: a vote the engine must count, or a malformed record it must log. */
  kind: 'vote' | MalformedKind;
  /** For votes: the voter and the candidate voted for. */
  voter?: Voter;
  candidate?: Candidate;
}

/** The kinds of malformed records; each must end up in the processing log exactly once. */
export const MALFORMED_KINDS = [
  'truncated-json',
  'not-json',
  'age-not-a-number',
  'address-not-a-struct',
  'array-value',
  'missing-key',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface VotePlan {
  seed: number;
  records: VoteRecord[];
  voters: number;
}

export interface PlanOptions {
  seed: number;
  /** Valid votes, re-sends and re-votes included. */
  votes: number;
  /** Distinct voters who vote (at least once). */
  voters: number;
  malformed: number;
  /** Share of follow-up events that are a changed vote rather than a byte-identical re-send. */
  revoteShare: number;
  /** Voting times run from `startMs` over `spanMs`, in production order (with a few seconds of jitter). */
  startMs: number;
  spanMs: number;
}

function makeVoter(i: number, random: () => number): Voter {
  const id = `voter-${i.toString().padStart(6, '0')}`;
  const total = STATES.reduce((s, [, w]) => s + w, 0);
  let pick = random() * total;
  let state = STATES[0]![0];
  for (const [code, weight] of STATES) {
    pick -= weight;
    if (pick < 0) {
      state = code;
      break;
    }
  }
  const age = 18 + Math.floor(random() * 70);
  return {
    voter_id: id,
    voter_name: `Voter ${i}`,
    date_of_birth: `${2026 - age}-0${1 + (i % 9)}-1${i % 10}`,
    gender: GENDERS[Math.floor(random() * GENDERS.length)]!,
    nationality: 'United States',
    registration_number: `REG-${i}`,
    address: {
      street: `${1 + (i % 999)} Oak St`,
      city: 'Springfield',
      state,
      country: 'United States',
      postcode: String(10_000 + (i % 89_999)),
    },
    email: `voter${i}@example.org`,
    phone_number: `555-${String(i % 10_000).padStart(4, '0')}`,
    cell_number: `555-${String((i * 7) % 10_000).padStart(4, '0')}`,
    picture: `data:image/svg+xml;base64,${Buffer.from(`<svg v="${i}"/>`).toString('base64')}`,
    registered_age: age,
  };
}

function voteValue(voter: Voter, candidate: Candidate, timestamp: number): string {
  return JSON.stringify({ ...voter, ...candidate, voting_time: new Date(timestamp).toISOString(), vote: 1 });
}

function malformedRecord(kind: MalformedKind, n: number, voter: Voter, timestamp: number): VoteRecord {
  const vote = JSON.parse(voteValue(voter, CANDIDATES[n % CANDIDATES.length]!, timestamp)) as Record<
    string,
    unknown
  >;
  // Every malformed record is unique (it carries its number), so the log entries can be matched.
  const value = (() => {
    switch (kind) {
      case 'truncated-json':
        // The number first: the cut (80–119 characters) would drop it from the end, and two cuts of
        // one voter's vote can be byte-identical (seen with CHAOS_SEED=1840804903).
        return JSON.stringify({ malformed: n, ...vote }).slice(0, 80 + (n % 40));
      case 'not-json':
        return `vote for ${vote['candidate_id']} #${n}`;
      case 'age-not-a-number':
        return JSON.stringify({ ...vote, registered_age: `forty-${n}` });
      case 'address-not-a-struct':
        return JSON.stringify({ ...vote, address: `${n} Elm St, Springfield` });
      case 'array-value':
        return JSON.stringify([vote['voter_id'], vote['candidate_id'], n]);
      case 'missing-key':
        return JSON.stringify({ ...vote, malformed: n });
    }
  })();
  return { key: kind === 'missing-key' ? null : voter.voter_id, value, timestamp, kind };
}

/**
 * The votes topic's content, in production order: every voter's first vote spread over the run,
 * between them re-sends of a voter's latest vote (byte-identical) and a few changed votes, and
 * `malformed` bad records at random positions.
 */
export function planVotes(options: PlanOptions): VotePlan {
  const random = prng(options.seed);
  const voters = Array.from({ length: options.voters }, (_, i) => makeVoter(i, random));
  const latest: VoteRecord[] = [];
  const records: VoteRecord[] = [];
  const time = (i: number) =>
    Math.floor(options.startMs + (i * options.spanMs) / options.votes + random() * 3_000);
  let next = 0;
  for (let i = 0; i < options.votes; i += 1) {
    const slotsLeft = options.votes - i;
    const votersLeft = options.voters - next;
    if (votersLeft > 0 && (latest.length === 0 || random() < votersLeft / slotsLeft)) {
      const voter = voters[next]!;
      const candidate = CANDIDATES[Math.floor(random() * CANDIDATES.length)]!;
      const timestamp = time(i);
      const record: VoteRecord = {
        key: voter.voter_id,
        value: voteValue(voter, candidate, timestamp),
        timestamp,
        kind: 'vote',
        voter,
        candidate,
      };
      latest[next] = record;
      next += 1;
      records.push(record);
      continue;
    }
    const who = Math.floor(random() * next);
    const previous = latest[who]!;
    if (random() < options.revoteShare) {
      const others = CANDIDATES.filter((c) => c !== previous.candidate);
      const candidate = others[Math.floor(random() * others.length)]!;
      const timestamp = time(i);
      const record: VoteRecord = {
        ...previous,
        candidate,
        timestamp,
        value: voteValue(previous.voter!, candidate, timestamp),
      };
      latest[who] = record;
      records.push(record);
    } else {
      records.push(previous); // a re-send: the very same record again
    }
  }
  // Malformed records at random positions (inserted from the back so positions stay valid).
  const positions = Array.from({ length: options.malformed }, () =>
    Math.floor(random() * (records.length + 1)),
  ).sort((a, b) => b - a);
  positions.forEach((position, n) => {
    const voter = voters[Math.floor(random() * voters.length)]!;
    const at = records[Math.min(position, records.length - 1)]!;
    const kind = MALFORMED_KINDS[n % MALFORMED_KINDS.length]!;
    records.splice(position, 0, malformedRecord(kind, n, voter, at.timestamp));
  });
  return { seed: options.seed, records, voters: options.voters };
}
