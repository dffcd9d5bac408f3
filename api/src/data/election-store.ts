import pg from 'pg';
import type { Candidate } from '../domain/types.js';

/** One voter's participation as PostgreSQL knows it. */
export interface VoterRecord {
  voterId: string;
  registered: boolean;
  votedAt: Date | null;
  candidate: Candidate | null;
}

/**
 * What the API reads from PostgreSQL (docs/data-model.md): the candidates' register, voters'
 * participation and the vote counts the audit compares. Parameterized SQL only.
 */
export interface ElectionStore {
  candidates(): Promise<Candidate[]>;
  voter(voterId: string): Promise<VoterRecord>;
  /** Stored votes per candidate id. */
  voteCounts(): Promise<Map<string, number>>;
  /** Resolves when PostgreSQL answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface CandidateRow {
  candidate_id: string;
  candidate_name: string | null;
  party_affiliation: string | null;
  photo_url: string | null;
}

function toCandidate(row: CandidateRow): Candidate {
  return {
    id: row.candidate_id,
    name: row.candidate_name ?? row.candidate_id,
    party: row.party_affiliation ?? '',
    photoUrl: row.photo_url ?? '',
  };
}

/** The PostgreSQL store over a small pool at `url` (DATABASE_URL). */
export function createElectionStore(url: string, options: { maxConnections?: number } = {}): ElectionStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'tally-api',
  });
  pool.on('error', () => undefined); // an idle client's error; the next query reports it
  return {
    async candidates() {
      const result = await pool.query<CandidateRow>(
        'SELECT candidate_id, candidate_name, party_affiliation, photo_url FROM candidates ORDER BY candidate_id',
      );
      return result.rows.map(toCandidate);
    },
    async voter(voterId) {
      const result = await pool.query<
        CandidateRow & { voter_id: string; voting_time: Date | null; has_vote: boolean }
      >(
        `SELECT v.voter_id, b.voting_time, b.voter_id IS NOT NULL AS has_vote,
                c.candidate_id, c.candidate_name, c.party_affiliation, c.photo_url
           FROM voters v
           LEFT JOIN votes b ON b.voter_id = v.voter_id
           LEFT JOIN candidates c ON c.candidate_id = b.candidate_id
          WHERE v.voter_id = $1`,
        [voterId],
      );
      const row = result.rows[0];
      if (!row) return { voterId, registered: false, votedAt: null, candidate: null };
      return {
        voterId,
        registered: true,
        votedAt: row.has_vote ? row.voting_time : null,
        candidate: row.has_vote && row.candidate_id ? toCandidate(row) : null,
      };
    },
    async voteCounts() {
      const result = await pool.query<{ candidate_id: string; votes: string }>(
        'SELECT candidate_id, count(*) AS votes FROM votes GROUP BY candidate_id',
      );
      return new Map(result.rows.map((row) => [row.candidate_id, Number(row.votes)]));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
