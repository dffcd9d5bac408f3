import { describe, expect, test } from 'vitest';
import { createPalette, FAMILY_COLOURS } from './palette.js';

describe('createPalette', () => {
  test('gives conventional parties their colours', () => {
    const color = createPalette([
      { id: 'cand-1', party: 'Democratic Party' },
      { id: 'cand-2', party: 'Republican Party' },
    ]);
    expect(color('cand-1')).toBe(FAMILY_COLOURS.blue);
    expect(color('cand-2')).toBe(FAMILY_COLOURS.red);
  });

  test('gives other parties distinct colours, never one already taken', () => {
    const color = createPalette([
      { id: 'cand-1', party: 'Management Party' },
      { id: 'cand-2', party: 'Savior Party' },
      { id: 'cand-3', party: 'Tech Republic Party' },
    ]);
    const colours = ['cand-1', 'cand-2', 'cand-3'].map(color);
    expect(new Set(colours).size).toBe(3);
    expect(color('cand-3')).toBe(FAMILY_COLOURS.red);
  });

  test('is stable whatever order the candidates come in (standings change, colours do not)', () => {
    const a = [
      { id: 'cand-2', party: 'B' },
      { id: 'cand-10', party: 'C' },
      { id: 'cand-1', party: 'A' },
    ];
    const first = createPalette(a);
    const second = createPalette([...a].reverse());
    for (const c of a) expect(first(c.id)).toBe(second(c.id));
    expect(first('unknown')).toMatch(/^#/);
  });
});
