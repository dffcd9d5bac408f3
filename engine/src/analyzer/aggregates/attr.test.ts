import { describe, expect, it } from 'vitest';
import { type SqlType, T } from '../types.js';
import { newStruct } from '../values.js';
import { addThenUndo, col, steps } from './aggregate-test-kit.js';
import { isStreamOnly } from './registry.js';

const STRUCT: SqlType = { kind: 'STRUCT', fields: [{ name: 'A', type: T.INTEGER }] };
const s = (a: number) => Object.assign(newStruct(), { A: a });

describe('ATTR', () => {
  it.each([
    ['the common value', [col(T.STRING)], [['a'], ['a']], ['a', 'a']],
    ['NULL once two values differ, and after', [col(T.STRING)], [['1'], ['2'], ['1']], ['1', null, null]],
    ['NULL counts as a value', [col(T.STRING)], [[null], ['2'], ['2']], [null, null, null]],
    ['structs compared by content', [col(STRUCT)], [[s(1)], [s(1)]], [s(1), s(1)]],
  ])('%s', (_what, args, rows, expected) => {
    expect(steps('ATTR', args, rows)).toEqual(expected);
  });

  it('retracts: once the differing rows are gone the common value is back', () => {
    expect(addThenUndo('ATTR', [col(T.INTEGER)], [[1], [2], [1]], [[2]])).toBe(1);
    expect(addThenUndo('ATTR', [col(T.INTEGER)], [[1], [2]], [[1], [2]])).toBeNull();
    expect(isStreamOnly('ATTR')).toBe(false);
  });
});
