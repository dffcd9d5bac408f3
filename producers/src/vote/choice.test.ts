import { describe, expect, it } from 'vitest';
import { createCandidatePicker, parseLeanings, parseWeights } from './choice.js';

const ids = ['cand-1', 'cand-2', 'cand-3'];
const voters = Array.from({ length: 30_000 }, (_, i) => `voter-${i}`);

function shares(pick: (id: string, state: string) => string, state = 'OH'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of voters) {
    const choice = pick(id, state);
    counts[choice] = (counts[choice] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / voters.length]));
}

describe('createCandidatePicker', () => {
  it('picks the same candidate for the same voter and seed, whatever the order of candidates', () => {
    const a = createCandidatePicker(ids, { seed: 7 });
    const b = createCandidatePicker([...ids].reverse(), { seed: 7 });
    expect(voters.slice(0, 500).map((v) => a(v, 'TX'))).toEqual(voters.slice(0, 500).map((v) => b(v, 'TX')));
  });

  it('follows the weights', () => {
    const s = shares(
      createCandidatePicker(ids, { seed: 1, weights: { 'cand-1': 6, 'cand-2': 3, 'cand-3': 1 } }),
    );
    expect(s['cand-1']).toBeCloseTo(0.6, 1);
    expect(s['cand-2']).toBeCloseTo(0.3, 1);
    expect(s['cand-3']).toBeCloseTo(0.1, 1);
  });

  it('applies a state leaning only in that state', () => {
    const pick = createCandidatePicker(ids, { seed: 1, leanings: { TX: { 'cand-3': 8 } } });
    expect(shares(pick, 'TX')['cand-3']).toBeCloseTo(0.8, 1);
    expect(shares(pick, 'CA')['cand-3']).toBeCloseTo(1 / 3, 1);
  });

  it('gives states different results with auto leanings', () => {
    const pick = createCandidatePicker(ids, { seed: 3, leanings: 'auto' });
    const leaders = new Set(
      ['CA', 'TX', 'NY', 'FL', 'OH', 'WY', 'VT', 'DC'].map((state) => {
        const s = shares(pick, state);
        return Object.entries(s).sort((x, y) => y[1] - x[1])[0]![0];
      }),
    );
    expect(leaders.size).toBeGreaterThan(1);
  });
});

describe('parsing weights and leanings', () => {
  it('parses weights and leanings', () => {
    expect(parseWeights('cand-1=5, cand-2=0.5')).toEqual({ 'cand-1': 5, 'cand-2': 0.5 });
    expect(parseLeanings('tx:cand-1=1.5,cand-2=0.8;CA:cand-2=2')).toEqual({
      TX: { 'cand-1': 1.5, 'cand-2': 0.8 },
      CA: { 'cand-2': 2 },
    });
    expect(parseLeanings('auto')).toBe('auto');
  });

  it('says what it expected on bad input', () => {
    expect(() => parseWeights('cand-1')).toThrow('Expected candidate=weight (e.g. cand-1=5), found "cand-1"');
    expect(() => parseLeanings('Texas:cand-1=2')).toThrow(/found "Texas:cand-1=2"/);
  });
});
