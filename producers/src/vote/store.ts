import pg from 'pg';
import type { StoredVoteRow } from './vote-record.js';

/** The vote producer's PostgreSQL side: votes, their outbox mark, and the candidates. */
export interface VoteStore {
  /** Candidate ids currently in `candidates`. */
  candidateIds(): Promise<string[]>;
  /**
   * Stores one vote per voter (a voter who already voted keeps the first vote) and returns the
   * new votes, read back with their voter and candidate, and the ids of unregistered voters.
   */
  castVotes(votes: { voterId: string; candidateId: string }[], votingTime: Date): Promise<CastResult>;
  /** Sets `published_at` on these voters' votes (Kafka has acknowledged them). */
  markPublished(voterIds: string[]): Promise<void>;
  /** Up to `limit` stored-but-unpublished votes after `afterVoterId`, by voter id (the outbox). */
  unpublished(afterVoterId: string, limit: number, olderThanMs?: number): Promise<StoredVoteRow[]>;
  close(): Promise<void>;
}

export interface CastResult {
  /** The votes this call stored, to publish. */
  toPublish: StoredVoteRow[];
  /** How many votes this call stored (= `toPublish.length`). */
  inserted: number;
  /** Voters not in the `voters` table: nothing stored for them. */
  unknownVoterIds: string[];
}

/**
 * A stored vote as PostgreSQL renders it (aliases p = vote, v = voter, c = candidate): the
 * enriched vote's JSON in the field order of docs/data-model.md, built by `row_to_json` from the
 * stored rows alone, so rendering the same row again gives the same bytes.
 */
const voteColumns = `v.voter_id, floor(extract(epoch FROM p.voting_time) * 1000)::bigint AS voting_time_ms,
  row_to_json((SELECT x FROM (SELECT
    v.voter_id, v.voter_name, v.date_of_birth, v.gender, v.nationality, v.registration_number,
    (SELECT a FROM (SELECT v.address_street AS street, v.address_city AS city, v.address_state AS state,
       v.address_country AS country, v.address_postcode AS postcode) a) AS address,
    v.email, v.phone_number, v.cell_number, v.picture, v.registered_age,
    c.candidate_id, c.candidate_name, c.party_affiliation, c.photo_url,
    to_char(p.voting_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS voting_time,
    1 AS vote) x))::text AS vote_json`;

/**
 * One round trip per slice: look the voters up once (`known`), insert their votes with
 * ON CONFLICT (voter_id) DO NOTHING (the one-vote invariant), and return the rows just stored
 * joined with those same voter rows and the candidates: what is published is read from
 * PostgreSQL, never taken from the input. Input voters missing from `voters` come back as
 * 'unknown'. (Votes stored earlier but never published are the outbox's job: at start-up and in
 * sweeps, see `unpublished`.)
 */
const castSql = `
WITH input AS (
  SELECT DISTINCT ON (voter_id) voter_id, candidate_id
  FROM unnest($1::text[], $2::text[]) AS i(voter_id, candidate_id)
),
known AS MATERIALIZED (
  SELECT i.candidate_id AS chosen, v.* FROM input i JOIN voters v USING (voter_id)
),
p AS (
  INSERT INTO votes (voter_id, candidate_id, voting_time)
  SELECT voter_id, chosen, $3::timestamptz FROM known
  ON CONFLICT (voter_id) DO NOTHING
  RETURNING voter_id, candidate_id, voting_time
)
SELECT 'new' AS kind, ${voteColumns}
FROM p JOIN known v USING (voter_id) JOIN candidates c ON c.candidate_id = p.candidate_id
UNION ALL
SELECT 'unknown', i.voter_id, NULL, NULL
FROM input i WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.voter_id = i.voter_id)`;

/**
 * Opens a small pool on `databaseUrl` for the vote producer. An idle connection PostgreSQL closes
 * (a restart, an administrator) goes to `onIdleError` instead of crashing the process as an
 * unhandled 'error' event; the next query opens a new one.
 */
export function createVoteStore(
  databaseUrl: string,
  onIdleError: (error: Error) => void = () => undefined,
): VoteStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', onIdleError);
  return {
    candidateIds: async () =>
      (
        await pool.query<{ candidate_id: string }>(
          'SELECT candidate_id FROM candidates ORDER BY candidate_id',
        )
      ).rows.map((r) => r.candidate_id),
    castVotes: async (votes, votingTime) => {
      if (votes.length === 0) return { toPublish: [], inserted: 0, unknownVoterIds: [] };
      const result = await retryOnConflict(() =>
        pool.query<StoredVoteRow & { kind: 'new' | 'unknown' }>(castSql, [
          votes.map((v) => v.voterId),
          votes.map((v) => v.candidateId),
          votingTime,
        ]),
      );
      const toPublish: StoredVoteRow[] = [];
      const unknownVoterIds: string[] = [];
      let inserted = 0;
      for (const row of result.rows) {
        if (row.kind === 'unknown') unknownVoterIds.push(row.voter_id);
        else toPublish.push(row);
        if (row.kind === 'new') inserted++;
      }
      return { toPublish, inserted, unknownVoterIds };
    },
    markPublished: async (voterIds) => {
      if (voterIds.length === 0) return;
      await pool.query(
        'UPDATE votes SET published_at = now() WHERE voter_id = ANY($1::text[]) AND published_at IS NULL',
        [voterIds],
      );
    },
    unpublished: async (afterVoterId, limit, olderThanMs = 0) =>
      (
        await pool.query<StoredVoteRow>(
          `SELECT ${voteColumns}
           FROM votes p JOIN voters v USING (voter_id) JOIN candidates c ON c.candidate_id = p.candidate_id
           WHERE p.published_at IS NULL AND p.voter_id > $1 AND p.voting_time <= now() - make_interval(secs => $3)
           ORDER BY p.voter_id LIMIT $2`,
          [afterVoterId, limit, olderThanMs / 1000],
        )
      ).rows,
    close: () => pool.end(),
  };
}

/** PostgreSQL's deadlock_detected and serialization_failure: the statement can simply run again. */
const retriableCodes = new Set(['40P01', '40001']);

/**
 * Runs `work` again when PostgreSQL aborted it for a deadlock, which two slices holding the
 * same replayed voters can cause; the insert is idempotent, so a retry is always safe.
 */
async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retriableCodes.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}
