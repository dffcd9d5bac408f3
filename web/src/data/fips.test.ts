import { describe, expect, test } from 'vitest';
import { FIPS_TO_USPS, uspsFromFips } from './fips.js';

describe('uspsFromFips', () => {
  test('maps us-atlas ids, as strings or numbers, to USPS codes', () => {
    expect(uspsFromFips('39')).toBe('OH');
    expect(uspsFromFips(6)).toBe('CA');
    expect(uspsFromFips('11')).toBe('DC');
    expect(uspsFromFips('99')).toBeUndefined();
  });

  test('covers the 50 states and DC with distinct codes', () => {
    const codes = Object.values(FIPS_TO_USPS).filter((c) => !['AS', 'GU', 'MP', 'PR', 'VI'].includes(c));
    expect(new Set(codes).size).toBe(51);
  });
});
