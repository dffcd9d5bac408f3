import { describe, expect, it } from 'vitest';
import { T } from '../types.js';
import { call } from './call.fixture.js';

const S = T.STRING;
const I = T.INTEGER;
const B = T.BYTES;
const b = (s: string) => Buffer.from(s, 'utf8');

describe('string functions (values and null semantics as ksqlDB)', () => {
  it.each([
    ['ucase', [S], ['aBc'], 'ABC'],
    ['lcase', [S], ['aBc'], 'abc'],
    ['lcase', [S], [null], null],
    // Java's trim: every char up to U+0020, nothing above it (JS trim() took U+00A0 and kept \u0001).
    ['trim', [S], ['\u0001 a \u00a0'], 'a \u00a0'],
    ['len', [S], ['abc'], 3],
    ['len', [B], [b('ab')], 2],
    // INITCAP splits on any whitespace and drops leading whitespace (the old code split on ' ' only).
    ['initcap', [S], ['hello\tWORLD  x'], 'Hello\tWorld  X'],
    ['initcap', [S], ['  the'], 'The'],
    ['initcap', [S], ['a\u00a0b'], 'A\u00a0b'],
    ['concat', [S, S, S], ['a', null, 'c'], 'ac'],
    ['concat', [S, S], [null, null], ''],
    ['concat_ws', [S, S, S, S], ['-', 'a', null, 'c'], 'a-c'],
    ['concat_ws', [S, S, S], [null, 'a', 'c'], null],
    ['elt', [I, S, S], [2, 'a', 'b'], 'b'],
    ['elt', [I, S, S], [3, 'a', 'b'], null],
    ['elt', [I, S, S], [0, 'a', 'b'], null],
    ['field', [S, S, S], ['b', 'a', 'b'], 2],
    ['field', [S, S, S], [null, 'a', null], 0],
    ['field', [S, S], ['z', 'a'], 0],
    ['replace', [S, S, S], ['a.b.c', '.', '$&'], 'a$&b$&c'],
    ['replace', [S, S, S], ['abc', '', '-'], '-a-b-c-'],
    ['replace', [S, S, S], ['abc', null, '-'], null],
    ['chr', [I], [75], 'K'],
    ['chr', [I], [99000], '\u{182b8}'],
    ['chr', [I], [-1], null],
    ['chr', [I], [0x110000], null],
    ['chr', [S], ['\\u004b'], 'K'],
    ['chr', [S], ['\\ud820\\udeb8'], '\u{182b8}'],
    ['chr', [S], ['004b'], null],
    ['md5', [S], [''], 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', [S], ['r1'], '7c92cf1eee8d99cc85f8355a3d6e4b86'],
    [
      'uuid',
      [B],
      [Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')],
      '00010203-0405-0607-0809-0a0b0c0d0e0f',
    ],
    ['uuid', [B], [Buffer.alloc(15)], null],
  ] as const)('%s%j of %j is %j', (name, types, values, expected) => {
    expect(call(name, [...types], [...values])).toEqual(expected);
  });

  it('joins bytes with CONCAT and CONCAT_WS, skipping nulls', () => {
    expect(call('concat', [B, B, B], [b('ye'), null, b('s')])).toEqual(b('yes'));
    expect(call('concat_ws', [B, B, B, B], [b('a'), b('b'), null, b('c')])).toEqual(b('bac'));
    expect(call('concat_ws', [B, B], [b('a'), null])).toEqual(b(''));
  });

  it('fails a CONCAT of fewer than two values, as ksqlDB', () => {
    expect(() => call('concat', [S], ['a'])).toThrow('Concat should have at least two input arguments.');
  });

  it('generates version-4 UUIDs', () => {
    expect(call('uuid', [], [])).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('SUBSTRING, INSTR, SPLIT, SPLIT_TO_MAP', () => {
  it.each([
    ['substring', [S, I, I], ['stream', 1, 4], 'stre'],
    ['substring', [S, I], ['hello', 2], 'ello'],
    ['substring', [S, I, I], ['hello', 2, 3], 'ell'],
    ['substring', [S, I], ['hello', -3], 'llo'],
    // A negative position beyond the start clamps to the start (the old code wrapped around: 'lo').
    ['substring', [S, I], ['hello', -7], 'hello'],
    ['substring', [S, I, I], ['hello', -7, 3], 'hel'],
    ['substring', [S, I], ['hello', 0], 'hello'],
    ['substring', [S, I], ['hello', 9], ''],
    ['substring', [S, I, I], ['hello', 2, -1], ''],
    ['instr', [S, S], ['CORPORATE FLOOR', 'OR'], 2],
    ['instr', [S, S, I], ['CORPORATE FLOOR', 'OR', 3], 5],
    ['instr', [S, S, I, I], ['CORPORATE FLOOR', 'OR', 3, 2], 14],
    ['instr', [S, S, I], ['CORPORATE FLOOR', 'OR', -3], 5],
    ['instr', [S, S, I, I], ['CORPORATE FLOOR', 'OR', -3, 2], 2],
    ['instr', [S, S, I], ['CORPORATE FLOOR', 'MISSING', 3], 0],
    ['instr', [S, S, I], ['CORPORATE FLOOR', 'OR', 16], 0],
    ['instr', [S, S], [null, 'OR'], 0],
    ['instr', [S, S], ['abc', null], 0],
    ['instr', [S, S, I], ['abc', 'b', null], null],
    ['split', [S, S], ['a.b..c.', '.'], ['a', 'b', '', 'c', '']],
    ['split', [S, S], ['abc', ''], ['a', 'b', 'c']],
    ['split', [S, S], ['', ''], ['']],
    ['split', [S, S], ['abc', 'z'], ['abc']],
    ['split', [S, S], [null, ','], null],
  ] as const)('%s%j of %j is %j', (name, types, values, expected) => {
    expect(call(name, [...types], [...values])).toEqual(expected);
  });

  it('cuts and splits bytes', () => {
    expect(call('substring', [B, I, I], [b('hello'), 2, 3])).toEqual(b('ell'));
    expect(call('substring', [B, I], [b('hello'), -2])).toEqual(b('lo'));
    expect(call('split', [B, B], [b('a,b,'), b(',')])).toEqual([b('a'), b('b'), b('')]);
    expect(call('split', [B, B], [b('ab'), b('')])).toEqual([b('a'), b('b')]);
    expect(call('split', [B, B], [b(''), b(',')])).toEqual([b('')]);
  });

  it('builds a map with SPLIT_TO_MAP: empty entries skipped, the last key wins, bad delimiters give NULL', () => {
    expect(call('split_to_map', [S, S, S], ['a=1;;b=2;a=3;c;d=4=5', ';', '='])).toEqual(
      new Map([
        ['a', '3'],
        ['b', '2'],
        ['d', '4'],
      ]),
    );
    expect(call('split_to_map', [S, S, S], ['a=1', '=', '='])).toBeNull();
    expect(call('split_to_map', [S, S, S], ['a=1', '', '='])).toBeNull();
  });
});

describe('LPAD and RPAD', () => {
  it.each([
    ['lpad', ['foo', 7, 'Bar'], 'BarBfoo'],
    ['lpad', ['foo', 2, 'Bar'], 'fo'],
    ['lpad', ['foo', 0, 'Bar'], ''],
    ['lpad', ['', 2, 'Bar'], 'Ba'],
    ['lpad', ['123', 5, '0'], '00123'],
    ['rpad', ['', 2, 'Bar'], 'Ba'],
    ['lpad', ['foo', -1, 'Bar'], null],
    ['lpad', ['foo', 7, ''], null],
    ['lpad', ['foo', 7, null], null],
    ['rpad', ['foo', 7, 'Bar'], 'fooBarB'],
    ['rpad', ['foo', 2, 'Bar'], 'fo'],
    ['rpad', ['', 4, 'ab'], 'abab'],
  ] as const)('%s%j is %j', (name, values, expected) => {
    expect(call(name, [S, I, S], [...values])).toEqual(expected);
  });

  it('pads and truncates bytes', () => {
    expect(call('lpad', [B, I, B], [b('foo'), 6, b('ab')])).toEqual(b('abafoo'));
    expect(call('rpad', [B, I, B], [b('foo'), 6, b('ab')])).toEqual(b('fooaba'));
    expect(call('rpad', [B, I, B], [b('foo'), 1, b('ab')])).toEqual(b('f'));
    expect(call('lpad', [B, I, B], [b('foo'), 6, b('')])).toBeNull();
  });
});

describe('MASK family', () => {
  it.each([
    // The function reference's own examples.
    ['mask', [S], ['My Test $123'], 'Xx-Xxxx--nnn'],
    ['mask', [S, S, S, S, S], ['My Test $123', '*', null, '1', null], '*y *est $111'],
    ['mask_keep_left', [S, I], ['My Test $123', 4], 'My Txxx--nnn'],
    ['mask_keep_right', [S, I], ['My Test $123', 4], 'Xx-Xxxx-$123'],
    ['mask_left', [S, I], ['My Test $123', 4], 'Xx-Xest $123'],
    ['mask_right', [S, I], ['My Test $123', 4], 'My Test -nnn'],
    ['mask', [S], ['AbC-12 é'], 'XxX-nn-x'],
    ['mask', [S, S, S, S, S], ['AbC-12', '*', null, '#', null], '*b*-##'],
    ['mask_left', [S, I], ['AbC-12', 2], 'XxC-12'],
    ['mask_left', [S, I], ['Ab', 5], 'Xx'],
    ['mask_right', [S, I], ['AbC-12', 2], 'AbC-nn'],
    ['mask_keep_left', [S, I], ['AbC-12', 2], 'AbX-nn'],
    ['mask_keep_right', [S, I], ['AbC-12', 2], 'XxX-12'],
    ['mask_keep_right', [S, I, S, S, S, S], ['AbC-12', 2, 'U', 'l', 'd', 'o'], 'UlUo12'],
    ['mask_left', [S, I], [null, 2], null],
  ] as const)('%s of %j is %j', (name, types, values, expected) => {
    expect(call(name, [...types], [...values])).toEqual(expected);
  });

  it('refuses a negative count and a mask longer than one character', () => {
    expect(() => call('mask_left', [S, I], ['abc', -1])).toThrow(
      'function mask_left requires a non-negative number of characters to mask or skip',
    );
    expect(() => call('mask', [S, S, S, S, S], ['abc', 'XX', null, null, null])).toThrow(
      "Invalid mask character. Must be only single character, but was 'XX'",
    );
  });
});

describe('ENCODE, TO_BYTES, FROM_BYTES', () => {
  it.each([
    ['4578616d706C6521', 'hex', 'utf8', 'Example!'],
    ['0x4578616d706C6521', 'hex', 'ascii', 'Example!'],
    ["X'4578616d706C6521'", 'hex', 'base64', 'RXhhbXBsZSE='],
    ['c39c', 'hex', 'ascii', '\uFFFD\uFFFD'],
    ['Ελ', 'ascii', 'hex', '3f3f'],
    ['Example!', 'utf8', 'hex', '4578616d706c6521'],
    ['zpXOu867', 'base64', 'utf8', 'Ελλ'],
    ['RXhh', 'BASE64', 'Ascii', 'Exa'],
  ])('encode(%j, %s, %s) is %j', (s, from, to, expected) => {
    expect(call('encode', [S, S, S], [s, from, to])).toBe(expected);
  });

  it('refuses unknown encodings and bad hex', () => {
    expect(() => call('encode', [S, S, S], ['a', 'hex', 'nope'])).toThrow(
      'Supported input and output encodings are: hex, utf8, ascii and base64',
    );
    expect(() => call('encode', [S, S, S], ['abc', 'hex', 'utf8'])).toThrow('Odd number of characters.');
    expect(() => call('to_bytes', [S, S], ['a', 'latin1'])).toThrow(
      "Unknown encoding type 'latin1'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.",
    );
  });

  it('converts between bytes and strings in each encoding', () => {
    expect(call('to_bytes', [S, S], ['1aB2', 'hex'])).toEqual(Buffer.from([0x1a, 0xb2]));
    expect(call('from_bytes', [B, S], [Buffer.from([0x1a, 0xb2]), 'hex'])).toBe('1AB2');
    expect(call('from_bytes', [B, S], [b('!'), 'base64'])).toBe('IQ==');
    expect(call('to_bytes', [S, S], ['IQ==', 'base64'])).toEqual(b('!'));
    expect(call('from_bytes', [B, S], [Buffer.from([0x21, 0xff]), 'ascii'])).toBe('!\uFFFD');
    expect(call('to_bytes', [S, S], ['é!', 'ascii'])).toEqual(b('?!'));
    expect(call('to_bytes', [S, S], ['é', 'UTF8'])).toEqual(b('é'));
    // Java's MIME encoder breaks base64 lines at 76 characters.
    expect(call('from_bytes', [B, S], [Buffer.alloc(60), 'base64'])).toBe(
      `${'A'.repeat(76)}\r\n${'A'.repeat(4)}`,
    );
  });
});
