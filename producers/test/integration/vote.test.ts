import { createKafkaClient } from '@tally/kafka-client';
import { eventually } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVoteProducer, seed, type Vote, type VoteProducerHandle, voterJson } from '../../src/index.js';
import { createFixture, type Fixture, readWholeTopic } from './fixture.js';

let f: Fixture;
let handle: VoteProducerHandle | undefined;
beforeAll(async () => {
  f = await createFixture();
  await seed({
    voters: 1_000,
    seed: 'vote-it',
    brokers: f.brokers,
    databaseUrl: f.db.url,
    topics: f.topics,
    logger: f.logger,
  });
});
afterAll(async () => {
  await handle?.stop();
  await f?.close();
});

async function votesState(fx: Fixture) {
  const [row] = await fx.query<{ votes: string; voters: string; published: string }>(
    `SELECT count(*) AS votes, count(DISTINCT voter_id) AS voters, count(published_at) AS published FROM votes`,
  );
  return row!;
}

describe('tally-vote on the real PostgreSQL and Kafka', () => {
  it('stores exactly one vote per voter and publishes every voter on votes_topic, built from the stored row', async () => {
    handle = await runVoteProducer({
      brokers: f.brokers,
      databaseUrl: f.db.url,
      topics: f.topics,
      logger: f.logger,
      groupId: f.groupId,
      seed: 'vote-it',
      statsIntervalMs: 0,
    });
    await eventually(
      async () => expect(await votesState(f)).toEqual({ votes: '1000', voters: '1000', published: '1000' }),
      {
        timeoutMs: 60_000,
      },
    );
    const records = await readWholeTopic(f.topics.votes);
    const keys = new Set(records.map((r) => r.key?.toString()));
    expect(keys.size).toBe(1_000);
    const voterIds = await f.query<{ voter_id: string }>('SELECT voter_id FROM voters');
    expect(keys).toEqual(new Set(voterIds.map((r) => r.voter_id)));

    const sample = records[0]!;
    const vote = JSON.parse(sample.value!.toString()) as Vote;
    const [stored] = await f.query<{ candidate_id: string; ms: string }>(
      `SELECT candidate_id, floor(extract(epoch FROM voting_time) * 1000)::bigint AS ms FROM votes WHERE voter_id = $1`,
      [vote.voter_id],
    );
    expect(vote).toMatchObject({ candidate_id: stored!.candidate_id, vote: 1 });
    expect(sample.timestamp).toBe(Number(stored!.ms));
    expect(new Date(vote.voting_time).getTime()).toBe(Number(stored!.ms));
    expect(Object.keys(vote).slice(-6)).toEqual([
      'candidate_id',
      'candidate_name',
      'party_affiliation',
      'photo_url',
      'voting_time',
      'vote',
    ]);
    expect(handle.counters).toMatchObject({ stored: 1_000, published: 1_000, malformed: 0 });
  });

  it('counts and dead-letters malformed records and unknown voters, and keeps voting', async () => {
    const kafka = createKafkaClient({ brokers: f.brokers, clientId: 'test' });
    const producer = await kafka.producer();
    const [voter] = await f.query<Record<string, unknown>>('SELECT * FROM voters LIMIT 1');
    const stranger = {
      voter_id: 'not-registered',
      voter_name: 'Nobody',
      date_of_birth: '1980-01-01',
      gender: 'other',
      nationality: 'United States',
      registration_number: 'REG-X',
      address: { street: '1 A St', city: 'Austin', state: 'TX', country: 'United States', postcode: '73301' },
      email: 'n@example.com',
      phone_number: '1',
      cell_number: '2',
      picture: 'data:,',
      registered_age: 40,
    };
    await producer.send([
      {
        topic: f.topics.voters,
        records: [
          { key: 'bad-json', value: '{"voter_id": "bad-json",' },
          { key: 'missing', value: JSON.stringify({ voter_id: 'missing' }) },
          { key: 'not-registered', value: voterJson(stranger as never) },
          // A voter who already voted, replayed: counted as already voted, not dead-lettered.
          {
            key: String(voter!['voter_id']),
            value: JSON.stringify({ ...stranger, voter_id: voter!['voter_id'] }),
          },
        ],
      },
    ]);
    await producer.close();
    await eventually(
      () => expect(handle!.counters).toMatchObject({ malformed: 3, unknownVoters: 1, alreadyVoted: 1 }),
      {
        timeoutMs: 30_000,
      },
    );
    const dead = await readWholeTopic(f.topics.votersDlq);
    expect(dead.map((r) => r.key?.toString())).toEqual(['bad-json', 'missing', 'not-registered']);
    expect(dead[0]!.headers['tally-error']?.toString()).toMatch(/not JSON/);
    expect(dead[2]!.headers['tally-error']?.toString()).toMatch(/unknown voter "not-registered"/);
    expect(await votesState(f)).toEqual({ votes: '1000', voters: '1000', published: '1000' });
    const keys = new Set((await readWholeTopic(f.topics.votes)).map((r) => r.key?.toString()));
    expect(keys.size).toBe(1_000);
  });

  it('ignores every voter replayed by a second seed run: still one vote each, nothing new published', async () => {
    const before = handle!.counters.alreadyVoted;
    const publishedBefore = handle!.counters.published;
    await seed({
      voters: 1_000,
      seed: 'vote-it',
      brokers: f.brokers,
      databaseUrl: f.db.url,
      topics: f.topics,
      logger: f.logger,
    });
    await eventually(() => expect(handle!.counters.alreadyVoted - before).toBe(1_000), { timeoutMs: 60_000 });
    expect(handle!.counters.published).toBe(publishedBefore);
    expect(await votesState(f)).toEqual({ votes: '1000', voters: '1000', published: '1000' });
  });
});
