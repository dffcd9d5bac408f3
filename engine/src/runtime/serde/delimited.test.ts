import { describe, expect, it } from 'vitest';
import { csvLine, parseCsvLine } from './delimited.js';

describe('DELIMITED lines as ksqlDB writes them (Commons CSV, minimal quoting)', () => {
  it('quotes a first field that does not start with a letter or digit, as ksqlDB writes a key -1', () => {
    expect(csvLine(['-1', 'a', '1'])).toBe('"-1",a,1');
    expect(csvLine(['1', '-1', 'a'])).toBe('1,-1,a');
    expect(csvLine(['{x}', 'é'])).toBe('"{x}",é');
    expect(csvLine(['éa', 'b'])).toBe('"éa",b');
  });

  it('quotes any field holding the delimiter, a quote or a line break, doubling its quotes', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
    expect(csvLine(['a', 'b|c'], '|')).toBe('a|"b|c"');
  });

  it('quotes a field starting with a space, !, " or #, or ending in a space', () => {
    expect(csvLine(['a', ' b', '#c', 'd ', '$e'])).toBe('a," b","#c","d ",$e');
  });

  it('writes null as an empty field, and quotes an empty string only at the start of a record', () => {
    expect(csvLine([null, '', null])).toBe(',,');
    expect(csvLine(['', 'a'])).toBe('"",a');
  });

  it('reads back what it writes', () => {
    const fields = ['-1', 'b,c', 'say "hi"', ' x', 'y '];
    expect(parseCsvLine(csvLine(fields))).toEqual(fields);
  });
});
