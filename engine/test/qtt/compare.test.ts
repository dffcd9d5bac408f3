import { describe, expect, it } from 'vitest';
import { matches } from './compare.js';

describe('QTT record comparison (as ksqlDB ExpectedRecordComparator)', () => {
  it('reads a missing field as null, as Java Map.get, when the field counts agree', () => {
    expect(matches({ HEX: null, UTF8: null }, { ASCII: null, UTF8: null })).toBe(true);
    expect(matches({ HEX: 'a', UTF8: null }, { ASCII: 'a', UTF8: null })).toBe(false);
    expect(matches({ HEX: null }, { ASCII: null, UTF8: null })).toBe(false);
  });

  it('tries the upper-cased name', () => {
    expect(matches({ b: 'x' }, { B: 'x' })).toBe(true);
    expect(matches({ constructor: null }, { X: null })).toBe(true);
  });
});
