import { describe, expect, test } from 'vitest';
import { contrastRatio, createPalette, FAMILY_COLOURS, textColourOn } from './palette.js';

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

describe('contrast', () => {
  test('computes WCAG ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  test('picks the text colour that reads best on each party colour, at least 4.5:1', () => {
    for (const colour of Object.values(FAMILY_COLOURS)) {
      expect(contrastRatio(textColourOn(colour), colour)).toBeGreaterThanOrEqual(4.5);
    }
    expect(textColourOn(FAMILY_COLOURS.amber)).toBe('#121417');
    expect(textColourOn(FAMILY_COLOURS.blue)).toBe('#ffffff');
  });
});
