import { describe, expect, it } from 'vitest';
import type { Voter } from '../types.js';
import { buildVoterPools } from './pools.js';
import { copyText, voterCopyRow, voterJson } from './records.js';
import { createVoterContext, generateVoter } from './voters.js';

const context = createVoterContext(9, buildVoterPools(9), new Date('2026-11-03T00:00:00Z'));

describe('voterJson', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const mismatches = Array.from({ length: 5_000 }, (_, i) => generateVoter(context, i)).filter(
      (v) => voterJson(v) !== JSON.stringify(v),
    );
    expect(mismatches).toEqual([]);
  });

  it('escapes quotes, backslashes and control characters', () => {
    const odd: Voter = { ...generateVoter(context, 0), voter_name: 'Jo "JJ" O\\Neil\n\u2028' };
    expect(voterJson(odd)).toBe(JSON.stringify(odd));
    expect(JSON.parse(voterJson(odd)).voter_name).toBe(odd.voter_name);
  });
});

describe('COPY text', () => {
  it('escapes the characters COPY gives a meaning to', () => {
    expect(copyText('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    const row = voterCopyRow({ ...generateVoter(context, 1), voter_name: 'Tab\tName' });
    expect(row.slice(0, -1).split('\t')).toHaveLength(16);
  });
});
