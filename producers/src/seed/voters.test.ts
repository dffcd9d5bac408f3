import { describe, expect, it } from 'vitest';
import { generateCandidates } from './candidates.js';
import { buildVoterPools } from './pools.js';
import { voterCopyRow } from './records.js';
import { usStates } from './us-states.js';
import { createVoterContext, generateVoter } from './voters.js';

const registration = new Date('2026-11-03T00:00:00Z');
const context = createVoterContext(42, buildVoterPools(42), registration);
const voters = Array.from({ length: 20_000 }, (_, i) => generateVoter(context, i));

function ageOn(dateOfBirth: string, day: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = day.getUTCFullYear() - y;
  if (day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d)) age--;
  return age;
}

describe('generateVoter', () => {
  it('is a pure function of (seed, index)', () => {
    const again = createVoterContext(42, buildVoterPools(42), registration);
    expect(generateVoter(again, 1234)).toEqual(voters[1234]);
    const other = createVoterContext(43, buildVoterPools(43), registration);
    expect(generateVoter(other, 1234).voter_id).not.toBe(voters[1234]!.voter_id);
  });

  it('gives every voter the fields of the data model, in order', () => {
    expect(Object.keys(voters[0]!)).toEqual([
      'voter_id',
      'voter_name',
      'date_of_birth',
      'gender',
      'nationality',
      'registration_number',
      'address',
      'email',
      'phone_number',
      'cell_number',
      'picture',
      'registered_age',
    ]);
    expect(Object.keys(voters[0]!.address)).toEqual(['street', 'city', 'state', 'country', 'postcode']);
  });

  it('makes adults whose registered age matches their birth date', () => {
    const wrong = voters.filter(
      (v) => v.registered_age < 18 || ageOn(v.date_of_birth, registration) !== v.registered_age,
    );
    expect(wrong).toEqual([]);
  });

  it('keeps ids and registration numbers unique, pictures small and offline', () => {
    expect(new Set(voters.map((v) => v.voter_id)).size).toBe(voters.length);
    expect(new Set(voters.map((v) => v.registration_number)).size).toBe(voters.length);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const bad = voters.filter(
      (v) =>
        !uuid.test(v.voter_id) ||
        !v.picture.startsWith('data:image/svg+xml;base64,') ||
        v.picture.length >= 300 ||
        !/^(female|male|other)$/.test(v.gender) ||
        !/^[a-z]+\.[a-z]+\d+@[a-z.]+$/.test(v.email),
    );
    expect(bad).toEqual([]);
  });

  it('spreads voters over the 50 states and DC by population', () => {
    const byState = new Map<string, number>();
    for (const v of voters) byState.set(v.address.state, (byState.get(v.address.state) ?? 0) + 1);
    expect([...byState.keys()].every((code) => usStates.some((s) => s.code === code))).toBe(true);
    expect(byState.get('CA')! / voters.length).toBeCloseTo(0.118, 1);
    expect(byState.get('CA')!).toBeGreaterThan(byState.get('WY')! * 20);
  });

  it('writes COPY rows with 16 tab-separated columns', () => {
    const row = voterCopyRow(voters[0]!);
    expect(row.endsWith('\n')).toBe(true);
    expect(row.slice(0, -1).split('\t')).toHaveLength(16);
  });
});

describe('generateCandidates', () => {
  it('makes one candidate per party, deterministic for the seed', () => {
    const candidates = generateCandidates(3, 42);
    expect(candidates.map((c) => [c.candidate_id, c.party_affiliation])).toEqual([
      ['cand-1', 'Management Party'],
      ['cand-2', 'Savior Party'],
      ['cand-3', 'Tech Republic Party'],
    ]);
    expect(generateCandidates(3, 42)).toEqual(candidates);
    for (const c of candidates) {
      expect(c.biography.length).toBeGreaterThan(40);
      expect(c.campaign_platform.length).toBeGreaterThan(20);
      expect(c.photo_url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    }
  });
});
