import type { IncomingRecord } from '@tally/kafka-client';
import { describe, expect, it } from 'vitest';
import { buildVoterPools } from '../seed/pools.js';
import { voterJson } from '../seed/records.js';
import { createVoterContext, generateVoter } from '../seed/voters.js';
import { parseVoterRecord } from './parse-voter.js';

const voter = generateVoter(createVoterContext(1, buildVoterPools(1), new Date('2026-11-03T00:00:00Z')), 0);

function record(value: string | null, key: string | null = voter.voter_id): IncomingRecord {
  return {
    topic: 'voters_topic',
    partition: 0,
    offset: 0,
    timestamp: 0,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: {},
    headerList: [],
  };
}

describe('parseVoterRecord', () => {
  it('accepts a generated voter', () => {
    expect(parseVoterRecord(record(voterJson(voter)))).toEqual({
      ok: true,
      voter: { voterId: voter.voter_id, state: voter.address.state },
    });
  });

  it.each([
    ['bad JSON', '{"voter_id":', /value is not JSON/],
    ['an array', '[1,2]', /expected a JSON object, found an array/],
    [
      'a missing field',
      JSON.stringify({ ...voter, email: undefined }),
      /expected field "email" to be a non-empty string, found nothing/,
    ],
    [
      'a bad address',
      JSON.stringify({ ...voter, address: { state: 'OH' } }),
      /expected field "address.street"/,
    ],
    ['an age as text', JSON.stringify({ ...voter, registered_age: '44' }), /"registered_age" to be a number/],
  ])('refuses %s, saying why', (_label, value, reason) => {
    const parsed = parseVoterRecord(record(value));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('refuses a tombstone and a key that is not the voter_id', () => {
    expect(parseVoterRecord(record(null))).toEqual({ ok: false, reason: 'empty value (tombstone)' });
    expect(parseVoterRecord(record(voterJson(voter), 'other'))).toMatchObject({ ok: false });
  });
});
