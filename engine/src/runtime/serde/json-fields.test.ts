import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldIndex, pickFields } from './coerce-json.js';
import { scanJsonFields } from './json-fields.js';

const names = ['ID', 'NAME', 'Mixed', 'ADDRESS', 'N'];
const index = fieldIndex(names);
const all = names.map(() => true);
const parse = (span: Buffer): unknown => JSON.parse(span.toString('utf8'));

function scan(text: string | Buffer, needed: boolean[] = all): unknown[] | false {
  const out: unknown[] = new Array(names.length);
  return scanJsonFields(Buffer.isBuffer(text) ? text : Buffer.from(text), index, needed, parse, out) && out;
}

/** What the general path gives: JSON.parse of the whole text, then pickFields. */
function reference(text: string): unknown[] | false {
  const v: unknown = JSON.parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return pickFields(v as Record<string, unknown>, names, index);
}

describe('scanJsonFields', () => {
  it('reads the needed fields of an object and leaves the others undefined', () => {
    const text = '{"id":"v-1","name":"Ann","address":{"state":"CA"},"n":12.5,"other":[1,{"x":null}]}';
    expect(scan(text)).toEqual(['v-1', 'Ann', undefined, { state: 'CA' }, 12.5]);
    expect(scan(text, [true, false, false, false, true])).toEqual([
      'v-1',
      undefined,
      undefined,
      undefined,
      12.5,
    ]);
  });

  it('matches names as JSON.parse + pickFields does: exact first, then the first key ignoring case', () => {
    for (const text of [
      '{"ID":1,"id":2}',
      '{"id":2,"ID":1}',
      '{"id":1,"Id":2,"id":3}',
      '{"mixed":1,"Mixed":2,"MIXED":3}',
      '{"MIXED":3,"mixed":1}',
      '{"ID":1,"ID":2}',
      '{"n":1,"N":2,"n":3}',
      '{"I\\u0044":"escaped key","id":0}',
    ]) {
      expect(scan(text), text).toEqual(reference(text));
    }
  });

  it('decodes strings with escapes and non-ASCII text', () => {
    expect(scan('{"name":"a\\"b\\\\c\\u00e9\\n","id":"Zoë ✓"}')).toEqual([
      'Zoë ✓',
      'a"b\\cé\n',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('answers false for what is not a valid JSON object', () => {
    for (const text of [
      '',
      '[1]',
      '"x"',
      'null',
      '{"id":1',
      '{"id":1,}',
      '{"id" 1}',
      '{"id":01}',
      '{"id":1.}',
      '{"id":-}',
      '{"id":tru}',
      '{"id":"a\u0001"}',
      '{"id":"\\x"}',
      '{"id":"\\u12g4"}',
      '{"id":1} x',
      '{id:1}',
    ]) {
      expect(scan(text), JSON.stringify(text)).toBe(false);
    }
    expect(scan(`${'{"a":'.repeat(600)}1${'}'.repeat(600)}`)).toBe(false);
  });

  it('keeps reading keys right when a record changes the key order of the previous one', () => {
    expect(scan('{"id":1,"name":"a"}')).toEqual([1, 'a', undefined, undefined, undefined]);
    expect(scan('{"name":"b","id":2}')).toEqual([2, 'b', undefined, undefined, undefined]);
    expect(scan('{"idx":3,"name":"c"}')).toEqual([undefined, 'c', undefined, undefined, undefined]);
    expect(scan('{"i":4,"nam":"d"}')).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('agrees with JSON.parse + pickFields on any object', () => {
    const key = fc.oneof(
      fc.constantFrom('id', 'ID', 'Id', 'name', 'NAME', 'mixed', 'Mixed', 'n', 'N', 'address'),
      fc.string(),
    );
    const object = fc.dictionary(key, fc.jsonValue(), { maxKeys: 12 });
    fc.assert(
      fc.property(object, fc.boolean(), (o, spaced) => {
        const text = spaced ? JSON.stringify(o, null, 1) : JSON.stringify(o);
        expect(scan(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly what JSON.parse accepts', () => {
    // Valid objects with one byte changed, dropped or doubled: invalid ones must answer false.
    const mutated = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }),
        fc.nat(),
        fc.nat(3),
        fc.integer({ min: 0, max: 255 }),
      )
      .map(([o, at, kind, byte]) => {
        const bytes = [...Buffer.from(JSON.stringify(o))];
        const i = at % bytes.length;
        if (kind === 0) bytes[i] = byte;
        else if (kind === 1) bytes.splice(i, 1);
        else if (kind === 2) bytes.splice(i, 0, bytes[i]!);
        else bytes.splice(i, 0, byte);
        return Buffer.from(bytes);
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        let expected: unknown[] | false;
        try {
          expected = reference(bytes.toString('utf8'));
        } catch {
          expected = false;
        }
        expect(scan(bytes)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
