import { describe, expect, it } from 'vitest';
import { javaDouble } from './java-double.js';

describe("javaDouble is Java's Double.toString", () => {
  it.each([
    [10, '10.0'],
    [0.5, '0.5'],
    [1e7, '1.0E7'],
    [1.5e-4, '1.5E-4'],
    [-1.7976931348623157e308, '-1.7976931348623157E308'],
    [2.2250738585072014e-308, '2.2250738585072014E-308'],
    [5e-324, '4.9E-324'],
    [-5e-324, '-4.9E-324'],
    [2e-5, '2.0E-5'],
  ])('%s → %s', (d, text) => {
    expect(javaDouble(d)).toBe(text);
  });
});
