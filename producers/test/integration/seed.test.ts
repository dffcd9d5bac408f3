import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/index.js';
import { createFixture, type Fixture } from './fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(async () => {
  await f?.close();
});

const fingerprint = (fx: Fixture) =>
  fx.query<{ n: string; digest: string }>(
    `SELECT count(*) AS n, md5(string_agg(v::text, '|' ORDER BY voter_id)) AS digest FROM voters v`,
  );

describe('tally-seed on the real PostgreSQL and Kafka', () => {
  it('registers 1,000 voters in PostgreSQL and 1,000 distinct keys on voters_topic', async () => {
    const result = await seed({
      voters: 1_000,
      seed: 'it',
      brokers: f.brokers,
      databaseUrl: f.db.url,
      topics: f.topics,
      logger: f.logger,
    });
    expect(result).toMatchObject({
      voters: 1_000,
      insertedVoters: 1_000,
      candidates: 3,
      insertedCandidates: 3,
    });

    const [count] = await f.query<{ n: string }>('SELECT count(*) AS n FROM voters');
    expect(count?.n).toBe('1000');
    const candidates = await f.query<{ candidate_id: string; party_affiliation: string }>(
      'SELECT candidate_id, party_affiliation FROM candidates ORDER BY 1',
    );
    expect(candidates.map((c) => c.party_affiliation)).toEqual([
      'Management Party',
      'Savior Party',
      'Tech Republic Party',
    ]);

    const voterKeys = await f.keysOf(f.topics.voters);
    expect(voterKeys.size).toBe(1_000);
    const ids = await f.query<{ voter_id: string }>('SELECT voter_id FROM voters');
    expect(new Set(voterKeys.keys())).toEqual(new Set(ids.map((r) => r.voter_id)));
    const [first] = [...voterKeys.values()][0]!;
    expect(Object.keys(JSON.parse(first!))).toContain('registered_age');
    expect((await f.keysOf(f.topics.candidates)).size).toBe(3);
  });

  it('changes nothing when the same seed runs again', async () => {
    const before = await fingerprint(f);
    const again = await seed({
      voters: 1_000,
      seed: 'it',
      brokers: f.brokers,
      databaseUrl: f.db.url,
      topics: f.topics,
      logger: f.logger,
    });
    expect(again).toMatchObject({ insertedVoters: 0, insertedCandidates: 0 });
    expect(await fingerprint(f)).toEqual(before);
    const keys = await f.keysOf(f.topics.voters);
    expect(keys.size).toBe(1_000);
    // Re-published records are the same records: every key's values are identical.
    for (const values of keys.values()) {
      expect(values).toHaveLength(2);
      expect(values[1]).toBe(values[0]);
    }
  });

  it('starts a fresh election with --reset', async () => {
    await f.query(
      `INSERT INTO votes (voter_id, candidate_id, voting_time) SELECT voter_id, 'cand-1', now() FROM voters LIMIT 10`,
    );
    const result = await seed({
      voters: 200,
      seed: 'other',
      reset: true,
      loaderThread: true,
      brokers: f.brokers,
      databaseUrl: f.db.url,
      topics: f.topics,
      logger: f.logger,
    });
    expect(result.insertedVoters).toBe(200);
    const [counts] = await f.query<{ voters: string; votes: string }>(
      'SELECT (SELECT count(*) FROM voters) AS voters, (SELECT count(*) FROM votes) AS votes',
    );
    expect(counts).toEqual({ voters: '200', votes: '0' });
    expect((await f.keysOf(f.topics.voters)).size).toBe(200);
  });
});
