import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';
import { splitStatements } from '../../src/syntax/index.js';

const MIGRATIONS = join(import.meta.dirname, '../../../ksql/migrations');

/** The election's real migration files (ksql/migrations), sent one statement per request as ksql-migrations does. */
describe('the election migrations', () => {
  it('apply on the engine and count votes', async () => {
    const store = new MemoryTopicStore();
    const engine = await createKsqlEngine({
      store,
      serviceId: 'm_',
      logger: createLogger('t', { level: 'silent' }),
    });
    const sessionVariables = { voters_topic: 'voters_topic', votes_topic: 'votes_topic', topic_prefix: '' };
    for (const file of readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      const props: Record<string, string> = {};
      for (const stmt of splitStatements(readFileSync(join(MIGRATIONS, file), 'utf8'))) {
        const set = /^SET\s+'([^']+)'\s*=\s*'([^']*)'\s*;$/i.exec(stmt.replace(/--[^\n]*\n/g, '').trim());
        if (set !== null) {
          props[set[1]!] = set[2]!;
          continue;
        }
        await engine.execute({ ksql: stmt, streamsProperties: props, sessionVariables });
      }
    }
    const vote = (voter: string, candidate: string, ts: number) => ({
      key: Buffer.from(voter),
      value: Buffer.from(
        JSON.stringify({
          voter_id: voter,
          gender: 'male',
          registered_age: 61,
          address: { state: 'TX' },
          candidate_id: candidate,
          candidate_name: 'N',
          party_affiliation: 'P',
          photo_url: 'u',
        }),
      ),
      timestamp: ts,
    });
    await store.produce('votes_topic', [
      vote('a', 'c1', 60_000),
      vote('b', 'c2', 61_000),
      vote('a', 'c1', 62_000),
    ]);
    await store.settle();
    const rows = async (sql: string) => {
      const out: string[] = [];
      for await (const r of (await engine.query({ sql })).rows) out.push(r.json);
      return out.sort();
    };
    expect(await rows('SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;')).toEqual([
      '["c1",1]',
      '["c2",1]',
    ]);
    expect(await rows("SELECT * FROM VOTES_BY_AGE_BAND WHERE AGE_BAND = '55-64';")).toEqual(['["55-64",2]']);
    expect(await rows('SELECT CANDIDATE_ID, WINDOWSTART, VOTES FROM VOTES_OVER_TIME;')).toEqual([
      '["c1",60000,1]',
      '["c2",60000,1]',
    ]);
    await engine.close();
  });
});
