/**
 * What the election's live tables must hold after the chaos test's input, computed from the input
 * alone (in offset order), following the tables' semantics in ksql/migrations: BALLOTS keeps each
 * voter's latest vote and counts the voter's records; the tables aggregated from BALLOTS move a
 * changed vote from its old group to its new one (a group that drops to zero keeps its row with 0);
 * VOTES_OVER_TIME counts each voter's first ballot in the 1-minute window of its voting time.
 */
import type { VoteRecord } from './votes.js';

/** Table name → row key (JSON array of the key columns, in key order) → value columns. */
export type Tables = Record<string, Map<string, unknown[]>>;

function ageBand(age: number): string {
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

interface Ballot {
  record: VoteRecord;
  received: number;
}

/** Grouped COUNT(*) over BALLOTS rows, with retraction of a row's previous group. */
function counter() {
  const counts = new Map<string, number>();
  return {
    move(oldKey: unknown[] | undefined, newKey: unknown[]) {
      if (oldKey !== undefined) {
        const k = JSON.stringify(oldKey);
        counts.set(k, counts.get(k)! - 1);
      }
      const k = JSON.stringify(newKey);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    },
    rows: () => new Map([...counts].map(([k, n]) => [k, [n]])),
  };
}

/** The expected content of BALLOTS and of every table aggregated from it. */
export function expectedTables(records: VoteRecord[]): Tables {
  const ballots = new Map<string, Ballot>();
  const perCandidate = counter();
  const byState = counter();
  const byStateCandidate = counter();
  const byGender = counter();
  const byAgeBand = counter();
  const overTime = counter();
  const keysOf = (r: VoteRecord) => {
    const voter = r.voter!;
    const c = r.candidate!;
    return {
      candidate: [c.candidate_id, c.candidate_name, c.party_affiliation, c.photo_url],
      state: [voter.address.state],
      stateCandidate: [voter.address.state, c.candidate_id],
      gender: [voter.gender],
      ageBand: [ageBand(voter.registered_age)],
    };
  };
  for (const r of records) {
    if (r.kind !== 'vote') continue;
    const id = r.voter!.voter_id;
    const previous = ballots.get(id);
    const now = keysOf(r);
    const before = previous === undefined ? undefined : keysOf(previous.record);
    perCandidate.move(before?.candidate, now.candidate);
    byState.move(before?.state, now.state);
    byStateCandidate.move(before?.stateCandidate, now.stateCandidate);
    byGender.move(before?.gender, now.gender);
    byAgeBand.move(before?.ageBand, now.ageBand);
    if (previous === undefined) {
      overTime.move(undefined, [r.candidate!.candidate_id, Math.floor(r.timestamp / 60_000) * 60_000]);
    }
    ballots.set(id, { record: r, received: (previous?.received ?? 0) + 1 });
  }
  return {
    BALLOTS: new Map(
      [...ballots].map(([id, b]) => [JSON.stringify([id]), [b.record.candidate!.candidate_id, b.received]]),
    ),
    VOTES_PER_CANDIDATE: perCandidate.rows(),
    TURNOUT_BY_STATE: byState.rows(),
    VOTES_BY_STATE_CANDIDATE: byStateCandidate.rows(),
    VOTES_BY_GENDER: byGender.rows(),
    VOTES_BY_AGE_BAND: byAgeBand.rows(),
    VOTES_OVER_TIME: overTime.rows(),
  };
}

/** The pull query that reads each table in the shape of `expectedTables` (key columns, then values). */
export const TABLE_QUERIES: Record<string, { sql: string; keyColumns: number }> = {
  BALLOTS: { sql: 'SELECT VOTER_ID, CANDIDATE_ID, BALLOTS_RECEIVED FROM BALLOTS;', keyColumns: 1 },
  VOTES_PER_CANDIDATE: {
    sql: 'SELECT CANDIDATE_ID, CANDIDATE_NAME, PARTY_AFFILIATION, PHOTO_URL, VOTES FROM VOTES_PER_CANDIDATE;',
    keyColumns: 4,
  },
  TURNOUT_BY_STATE: { sql: 'SELECT STATE, VOTES FROM TURNOUT_BY_STATE;', keyColumns: 1 },
  VOTES_BY_STATE_CANDIDATE: {
    sql: 'SELECT STATE, CANDIDATE_ID, VOTES FROM VOTES_BY_STATE_CANDIDATE;',
    keyColumns: 2,
  },
  VOTES_BY_GENDER: { sql: 'SELECT GENDER, VOTES FROM VOTES_BY_GENDER;', keyColumns: 1 },
  VOTES_BY_AGE_BAND: { sql: 'SELECT AGE_BAND, VOTES FROM VOTES_BY_AGE_BAND;', keyColumns: 1 },
  VOTES_OVER_TIME: {
    sql: 'SELECT CANDIDATE_ID, WINDOWSTART, VOTES FROM VOTES_OVER_TIME;',
    keyColumns: 2,
  },
};

/** The differences between a table's rows and the expected ones (at most `limit` described). */
export function diffTable(
  name: string,
  actual: Map<string, unknown[]>,
  expected: Map<string, unknown[]>,
  limit = 10,
): string[] {
  const out: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (JSON.stringify(got) !== JSON.stringify(want))
      out.push(`${name} ${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  for (const [key, got] of actual)
    if (!expected.has(key)) out.push(`${name} ${key}: unexpected row ${JSON.stringify(got)}`);
  return out.length <= limit
    ? out
    : [...out.slice(0, limit), `${name}: ${out.length - limit} more differences`];
}
