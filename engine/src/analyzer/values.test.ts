import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, fromTagged, newStruct, taggedJson, toTagged } from './values.js';

/** SQL values and aggregate states as the engine holds them: structs, bigints, decimals, maps, sets, bytes. */
const sqlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.string(),
    fc.boolean(),
    fc.double(),
    fc.bigInt(),
    fc.tuple(fc.bigInt(), fc.nat(6)).map(([n, scale]) => Decimal.parse(`${n}e-${scale}`)),
    fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.string(), tie('value')), { maxLength: 3 }).map((entries) => new Map(entries)),
    fc.array(fc.string(), { maxLength: 3 }).map((items) => new Set(items)),
    fc
      .dictionary(fc.oneof(fc.string(), fc.constantFrom('$o', '$b', '$$x')), tie('value'), { maxKeys: 4 })
      .map((o) => Object.assign(newStruct(), o)),
  ),
}));

describe('taggedJson', () => {
  it('writes exactly JSON.stringify(toTagged(v))', () => {
    fc.assert(
      fc.property(sqlValue.value, (v) => {
        expect(taggedJson(v)).toBe(JSON.stringify(toTagged(v)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('round-trips through fromTagged', () => {
    const entry = {
      key: ['voter-1'],
      accs: [3n, 'cand-2', new Set(['a'])],
      ts: 1_700_000_000_000,
      passed: true,
    };
    expect(fromTagged(JSON.parse(taggedJson(entry)))).toEqual(Object.assign(newStruct(), entry));
  });
});
