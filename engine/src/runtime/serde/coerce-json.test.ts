import { describe, expect, it } from 'vitest';
import { fieldIndex, pickFields } from './coerce-json.js';

describe('pickFields (ksqlDB lenient JSON field matching)', () => {
  const names = ['VOTER_ID', 'CANDIDATE_ID'];
  const index = fieldIndex(names);

  it('matches keys ignoring case', () => {
    expect(pickFields({ voter_id: 'v1', Candidate_Id: 'c1', other: 1 }, names, index)).toEqual(['v1', 'c1']);
  });

  it('prefers the exact key wherever it comes, else the first key equal ignoring case', () => {
    expect(pickFields({ voter_id: 'loose', VOTER_ID: 'exact' }, names, index)).toEqual(['exact', undefined]);
    expect(pickFields({ VOTER_ID: 'exact', voter_id: 'loose' }, names, index)).toEqual(['exact', undefined]);
    expect(pickFields({ Voter_Id: 'first', voter_id: 'second' }, names, index)).toEqual(['first', undefined]);
  });

  it('gives the same answers for schemas wider than a bit mask', () => {
    const wide = Array.from({ length: 40 }, (_, i) => `C${i}`);
    const wideIndex = fieldIndex(wide);
    const picked = pickFields({ c35: 'loose', C35: 'exact', c39: 'only', C1: 1 }, wide, wideIndex);
    expect([picked[1], picked[35], picked[39]]).toEqual([1, 'exact', 'only']);
  });
});
