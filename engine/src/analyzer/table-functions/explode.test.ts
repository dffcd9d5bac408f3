import { describe, expect, it } from 'vitest';
import { type SqlType, T } from '../types.js';
import { Decimal } from '../values.js';
import { cube, resolveTableFunction } from './index.js';

const arr = (item: SqlType): SqlType => ({ kind: 'ARRAY', item });
const DEC: SqlType = { kind: 'DECIMAL', precision: 20, scale: 10 };

describe('EXPLODE', () => {
  it.each([
    ['ints', arr(T.INTEGER), [1, 2], [1, 2], T.INTEGER],
    ['decimals keep their type', arr(DEC), [Decimal.parse('1.5')], [Decimal.parse('1.5')], DEC],
    ['an empty array emits nothing', arr(T.STRING), [], [], T.STRING],
  ])('%s', (_n, type, input, expected, elementType) => {
    const fn = resolveTableFunction('EXPLODE', [{ type }]);
    expect(fn.returnType).toEqual(elementType);
    expect(fn.bind()([input])).toEqual(expected);
  });
  it('rejects a map with the alternatives, as ksqlDB', () => {
    expect(() =>
      resolveTableFunction('explode', [{ type: { kind: 'MAP', key: T.STRING, value: T.INTEGER } }]),
    ).toThrow(
      "Function 'explode' does not accept parameters (MAP<STRING, INTEGER>).\nValid alternatives are:\nexplode(ARRAY<DECIMAL> input)\nexplode(ARRAY<T> list)",
    );
  });
});

describe('CUBE_EXPLODE', () => {
  it.each([
    [
      [1, 2],
      [
        [null, null],
        [null, 2],
        [1, null],
        [1, 2],
      ],
    ],
    [
      [1, null],
      [
        [null, null],
        [1, null],
      ],
    ],
    [[], [[]]],
  ])('cube(%j)', (input, expected) => {
    expect(cube(input)).toEqual(expected);
    expect(resolveTableFunction('CUBE_EXPLODE', [{ type: arr(T.INTEGER) }]).bind()([input])).toEqual(
      expected,
    );
  });
});
