import { migrate } from '@tally/sql';
import { eventually } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoteStore } from '../../src/vote/store.js';
import { createFixture, type Fixture } from './fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
  await migrate(f.db.url, { logger: f.logger });
  await f.query(
    "INSERT INTO candidates (candidate_id, candidate_name, party_affiliation, biography, campaign_platform, photo_url) VALUES ('c1', 'C One', 'P', '', '', '')",
  );
});
afterAll(async () => {
  await f?.close();
});

describe('the vote store', () => {
  it('survives PostgreSQL closing its idle connections: reported, not a crash, and the next query reconnects', async () => {
    const errors: Error[] = [];
    const store = createVoteStore(f.db.url, (error) => errors.push(error));
    try {
      expect(await store.candidateIds()).toEqual(['c1']);
      // What a PostgreSQL restart or an administrator does to the pool's idle connection.
      await f.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await eventually(() =>
        expect(errors.map((e) => e.message)).toContain('terminating connection due to administrator command'),
      );
      expect(await store.candidateIds()).toEqual(['c1']);
    } finally {
      await store.close();
    }
  });
});
