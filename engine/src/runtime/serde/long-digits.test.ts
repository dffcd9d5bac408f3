import { describe, expect, it } from 'vitest';
import { hasLongDigitRun } from './long-digits.js';

const reference = (text: string) => /\d{16,}/.test(text);

describe('hasLongDigitRun', () => {
  it('finds 16-digit runs wherever they start and ignores shorter ones', () => {
    for (let pad = 0; pad < 20; pad++) {
      for (const digits of [14, 15, 16, 17, 25]) {
        const text = `${'x'.repeat(pad)}${'7'.repeat(digits)}${'y'.repeat(pad % 5)}`;
        expect(hasLongDigitRun(Buffer.from(text)), text).toBe(digits >= 16);
      }
    }
  });

  it('agrees with /\\d{16,}/ on random JSON-ish text, including multi-byte characters', () => {
    const alphabet = ['1', '2', '9', '0', '"', ':', ',', 'a', 'é', '€', '-', '.'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 2_000; n++) {
      const digitsHeavy = random() < 0.5;
      let text = '';
      const length = Math.floor(random() * 80);
      for (let i = 0; i < length; i++) {
        text +=
          digitsHeavy && random() < 0.9
            ? String(Math.floor(random() * 10))
            : alphabet[Math.floor(random() * alphabet.length)];
      }
      expect(hasLongDigitRun(Buffer.from(text)), text).toBe(reference(text));
    }
  });
});
