import { describe, expect, it } from 'vitest';
import { T } from '../types.js';
import { call } from './call.fixture.js';

const S = T.STRING;
const I = T.INTEGER;

describe('regular-expression functions (Java pattern syntax)', () => {
  it.each([
    ['regexp_extract', [S, S], ['.*\\((.*)\\).*', 'steven (hi) x'], 'steven (hi) x'],
    ['regexp_extract', [S, S, I], ['(\\w+) (\\w+)', 'hello big world', 2], 'big'],
    ['regexp_extract', [S, S, I], ['(\\w+) (\\w+)', 'hello big world', 3], null],
    ['regexp_extract', [S, S], ['z+', 'hello'], null],
    ['regexp_extract', [S, S, I], ['(a)|(b)', 'b', 1], null],
    ['regexp_extract', [S, S], [null, 'hello'], null],
    ['regexp_extract', [S, S, I], ['(.*) (.*)', 'hello there', 2], 'there'],
    ['regexp_extract_all', [S, S, I], ['(\\w+) (\\w+)', 'hello there nice day', 2], ['there', 'day']],
    ['regexp_extract_all', [S, S], ['\\d+', 'a1b22c333'], ['1', '22', '333']],
    ['regexp_extract_all', [S, S, I], ['(\\w)(\\d)', 'a1 b2', 2], ['1', '2']],
    ['regexp_extract_all', [S, S], ['x', 'abc'], []],
    ['regexp_replace', [S, S, S], ['foobar', 'o+', '0'], 'f0bar'],
    ['regexp_replace', [S, S, S], ['John Smith', '(\\w+) (\\w+)', '$2, $1'], 'Smith, John'],
    // Java's replacement syntax: \$ is a literal dollar, ${name} a named group.
    ['regexp_replace', [S, S, S], ['a1', '(?<d>\\d)', '\\$${d}&'], 'a$1&'],
    ['regexp_replace', [S, S, S], ['abc', '', '-'], '-a-b-c-'],
    ['regexp_split_to_array', [S, S], ['a.b..c', '\\.'], ['a', 'b', '', 'c']],
    ['regexp_split_to_array', [S, S], ['.a.', '\\.'], ['', 'a', '']],
    ['regexp_split_to_array', [S, S], ['abc', ''], ['a', 'b', 'c']],
    ['regexp_split_to_array', [S, S], ['abc', 'x*'], ['a', 'b', 'c']],
    ['regexp_split_to_array', [S, S], ['abc', 'z'], ['abc']],
  ] as const)('%s%j of %j is %j', (name, types, values, expected) => {
    expect(call(name, [...types], [...values])).toEqual(expected);
  });

  it.each([
    ['\\Aab', 'abab', ['ab']],
    ['ab\\z', 'abab', ['ab']],
    ['ab$', 'ab\n', ['ab']],
    ['ab\\Z', 'ab\n', ['ab']],
    ['\\Qa.b\\E', 'axb a.b', ['a.b']],
    ['(?i)hello', 'HeLLo', ['HeLLo']],
    ['\\p{Alpha}+', 'ab1é', ['ab']],
    ['[\\p{Digit}x]+', 'a1x2b', ['1x2']],
    ['\\p{IsAlphabetic}+', 'ab1é', ['ab', 'é']],
    ['[a[bc]]+', 'xabcx', ['abc']],
    ['a++b', 'aab', ['aab']],
    ['(?>a|ab)c', 'ac', ['ac']],
    ["\\-\\'", "a-'", ["-'"]],
    ['\\x{41}\\0101', 'AA', ['AA']],
    ['a]', 'a]', ['a]']],
    // Java's \s is ASCII: a no-break space is not whitespace.
    ['\\s+', 'a \u00a0\tb', [' ', '\t']],
    ['[\\s,]+', 'a, \u00a0b', [', ']],
    ['\\S+', 'a\u00a0b c', ['a\u00a0b', 'c']],
  ])('reads Java pattern %j: matches in %j are %j', (pattern, input, expected) => {
    expect(call('regexp_extract_all', [S, S], [pattern, input])).toEqual(expected);
  });

  it('reports an invalid pattern as ksqlDB does', () => {
    expect(() => call('regexp_extract_all', [S, S], ['(a', 'a'])).toThrow(
      'Invalid regular expression pattern: (a',
    );
    expect(() => call('regexp_replace', [S, S, S], ['a', '[a', 'b'])).toThrow(
      'Invalid regular expression pattern: [a',
    );
  });

  it('refuses replacement strings Java refuses', () => {
    expect(() => call('regexp_replace', [S, S, S], ['a', 'a', '$x'])).toThrow('Illegal group reference');
    expect(() => call('regexp_replace', [S, S, S], ['a', 'a', '$1'])).toThrow('No group 1');
    expect(() => call('regexp_replace', [S, S, S], ['a', 'a', 'b\\'])).toThrow(
      'character to be escaped is missing',
    );
  });

  it('takes as many digits of a group reference as name a group', () => {
    expect(call('regexp_replace', [S, S, S], ['ab', '(a)(b)', '$10'])).toBe('a0');
  });
});
