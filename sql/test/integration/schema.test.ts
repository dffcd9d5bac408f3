import { createTestDatabase, type TestDatabase } from '@tally/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/index.js';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('tally_schema');
  await migrate(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    `INSERT INTO candidates VALUES ('cand-1', 'Avery Brooks', 'Management Party', 'bio', 'platform', 'data:,'),
                                   ('cand-2', 'Jordan Lee', 'Savior Party', 'bio', 'platform', 'data:,')`,
  );
  await client.query(
    `INSERT INTO voters VALUES ('v-1', 'Jane Doe', '1980-04-12', 'female', 'United States', 'REG-1',
       '12 Oak St', 'Dayton', 'OH', 'United States', '45402', 'jane@example.com', '555-0100', '555-0101',
       'data:,', 46)`,
  );
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('schema', () => {
  it('keeps one vote per voter: a second vote for the same voter is refused', async () => {
    await client.query(
      "INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('v-1', 'cand-1', now())",
    );
    await expect(
      client.query("INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('v-1', 'cand-2', now())"),
    ).rejects.toThrow(/votes_pkey/);
    const inserted = await client.query(
      "INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('v-1', 'cand-2', now()) ON CONFLICT (voter_id) DO NOTHING",
    );
    expect(inserted.rowCount).toBe(0);
    const rows = await client.query('SELECT candidate_id, vote, published_at FROM votes');
    expect(rows.rows).toEqual([{ candidate_id: 'cand-1', vote: 1, published_at: null }]);
  });

  it('refuses votes of unknown voters and for unknown candidates', async () => {
    await expect(
      client.query(
        "INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('nobody', 'cand-1', now())",
      ),
    ).rejects.toThrow(/votes_voter_id_fkey/);
    await client.query(
      `INSERT INTO voters VALUES ('v-2', 'John Roe', '1990-01-01', 'male', 'United States', 'REG-2',
         '1 Elm St', 'Austin', 'TX', 'United States', '73301', 'john@example.com', '555-0102', '555-0103',
         'data:,', 36)`,
    );
    await expect(
      client.query("INSERT INTO votes (voter_id, candidate_id, voting_time) VALUES ('v-2', 'cand-9', now())"),
    ).rejects.toThrow(/votes_candidate_id_fkey/);
  });

  it('refuses voters under 18, unknown genders and duplicate registration numbers', async () => {
    const insert = (id: string, gender: string, reg: string, age: number) =>
      client.query(
        `INSERT INTO voters VALUES ($1, 'X', '2010-01-01', $2, 'United States', $3, 's', 'c', 'CA',
           'United States', '90001', 'e', 'p', 'c', 'data:,', $4)`,
        [id, gender, reg, age],
      );
    await expect(insert('v-3', 'female', 'REG-3', 16)).rejects.toThrow(/registered_age/);
    await expect(insert('v-4', 'Female', 'REG-4', 30)).rejects.toThrow(/gender/);
    await expect(insert('v-5', 'male', 'REG-1', 30)).rejects.toThrow(/registration_number/);
  });

  it('indexes the columns the API filters and groups on', async () => {
    const rows = await client.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
    );
    expect(rows.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'candidates_pkey',
        'voters_pkey',
        'voters_registration_number_key',
        'voters_address_state_idx',
        'votes_pkey',
        'votes_candidate_id_idx',
      ]),
    );
  });
});
