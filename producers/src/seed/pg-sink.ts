import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Candidate } from '../types.js';
import { voterColumns } from './records.js';

/** Held while seeding, so two seeders never load the same database at once. */
const SEED_LOCK_KEY = 7_415_936_202;

/** Bulk writes of the seed producer to PostgreSQL. */
export interface SeedPgSink {
  /** True when `voters` was empty when seeding started (the fast path: COPY straight in). */
  readonly votersWereEmpty: boolean;
  /** Inserts candidates that are not there yet; returns how many were new. */
  writeCandidates(candidates: Candidate[]): Promise<number>;
  /** Loads COPY-text rows of voters, skipping those already present; returns how many were new. */
  loadVoters(copyRows: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens the seed's connection: takes the seed lock, truncates everything on `reset`, and picks
 * the load path. A non-empty table is merged through a temporary table and
 * `INSERT … ON CONFLICT DO NOTHING`, so running the same seed twice changes nothing.
 */
export async function openSeedPgSink(databaseUrl: string, options: { reset: boolean }): Promise<SeedPgSink> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
  if (options.reset) await client.query('TRUNCATE votes, voters, candidates');
  const empty = (await client.query('SELECT NOT EXISTS (SELECT 1 FROM voters) AS empty')).rows[0]
    .empty as boolean;
  await client.query('CREATE TEMP TABLE voters_load (LIKE voters INCLUDING DEFAULTS) ON COMMIT DELETE ROWS');
  const columns = voterColumns.join(', ');
  const copy = async (table: string, rows: string) => {
    const stream = client.query(copyStreams.from(`COPY ${table} (${columns}) FROM STDIN`));
    await pipeline(Readable.from([rows]), stream);
    return stream.rowCount;
  };
  let direct = empty;
  return {
    votersWereEmpty: empty,
    writeCandidates: async (candidates) => {
      if (candidates.length === 0) return 0;
      const result = await client.query(
        `INSERT INTO candidates (candidate_id, candidate_name, party_affiliation, biography, campaign_platform, photo_url)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         ON CONFLICT DO NOTHING`,
        [
          candidates.map((c) => c.candidate_id),
          candidates.map((c) => c.candidate_name),
          candidates.map((c) => c.party_affiliation),
          candidates.map((c) => c.biography),
          candidates.map((c) => c.campaign_platform),
          candidates.map((c) => c.photo_url),
        ],
      );
      return result.rowCount ?? 0;
    },
    loadVoters: async (rows) => {
      if (direct) {
        try {
          return await copy('voters', rows);
        } catch (error) {
          // Only a conflict can make the fast path fail here; fall back to merging from now on.
          if ((error as { code?: string }).code !== '23505') throw error;
          direct = false;
        }
      }
      await client.query('BEGIN');
      try {
        await copy('voters_load', rows);
        const result = await client.query(
          'INSERT INTO voters SELECT * FROM voters_load ON CONFLICT DO NOTHING',
        );
        await client.query('COMMIT');
        return result.rowCount ?? 0;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    close: async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
      await client.end();
    },
  };
}
