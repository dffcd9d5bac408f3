import { eventually, type ServiceProcess, spawnService } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/index.js';
import { createFixture, type Fixture, readWholeTopic } from './fixture.js';

let f: Fixture;
const processes: ServiceProcess[] = [];
beforeAll(async () => {
  f = await createFixture();
  await seed({
    voters: 1_000,
    seed: 'crash-it',
    brokers: f.brokers,
    databaseUrl: f.db.url,
    topics: f.topics,
  });
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  await f?.close();
});

function startVoteProducer(args: string[]): ServiceProcess {
  const proc = spawnService(
    'producers/src/vote/cli.ts',
    ['--group', f.groupId, '--seed', 'crash-it', ...args],
    f.env,
  );
  processes.push(proc);
  return proc;
}

async function counts() {
  const [row] = await f.query<{ votes: number; voters: number; published: number }>(
    `SELECT count(*)::int AS votes, count(DISTINCT voter_id)::int AS voters, count(published_at)::int AS published FROM votes`,
  );
  return row!;
}

describe('tally-vote killed with SIGKILL mid-run', () => {
  it('loses no vote, stores no second vote, and publishes every stored vote after a restart', async () => {
    const first = startVoteProducer(['--rate', '300']);
    const atKill = await eventually(
      async () => {
        const c = await counts();
        expect(c.votes).toBeGreaterThanOrEqual(100);
        return c;
      },
      { timeoutMs: 60_000 },
    );
    await first.kill('SIGKILL');
    expect(atKill.votes).toBeLessThan(1_000);
    const afterKill = await counts();
    // A crash between storing and marking leaves stored-but-unpublished votes: make sure there are some.
    await f.query(
      'UPDATE votes SET published_at = NULL WHERE voter_id IN (SELECT voter_id FROM votes ORDER BY voter_id LIMIT 25)',
    );

    const second = startVoteProducer([]);
    await eventually(
      async () => expect(await counts()).toEqual({ votes: 1_000, voters: 1_000, published: 1_000 }),
      {
        timeoutMs: 90_000,
      },
    );
    expect(afterKill.votes).toBeLessThan(1_000);

    const records = await readWholeTopic(f.topics.votes);
    const byKey = new Map<string, Set<string>>();
    for (const r of records) {
      const key = r.key!.toString();
      byKey.set(key, (byKey.get(key) ?? new Set()).add(r.value!.toString()));
    }
    expect(byKey.size).toBe(1_000);
    // Every re-publication is byte-identical to the first: one distinct value per voter.
    expect([...byKey.values()].every((values) => values.size === 1)).toBe(true);
    const [audit] = await f.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM voters v LEFT JOIN votes USING (voter_id) WHERE votes.voter_id IS NULL`,
    );
    expect(audit!.n).toBe(0);

    expect(await second.kill('SIGTERM')).toBe(0);
    expect(second.output()).toMatch(/"republished":(2[5-9]|[3-9]\d|\d{3,})/);
  });
});
