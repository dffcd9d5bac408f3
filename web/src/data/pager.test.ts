import { describe, expect, test } from 'vitest';
import {
  currentAfter,
  firstPage,
  nextPage,
  pageCount,
  pageNumber,
  previousPage,
  toggleSort,
} from './pager.js';

describe('pager', () => {
  test('walks forward with end cursors and back through the visited pages', () => {
    const two = nextPage(firstPage, 'c10');
    const three = nextPage(two, 'c20');
    expect([pageNumber(firstPage), pageNumber(two), pageNumber(three)]).toEqual([1, 2, 3]);
    expect([currentAfter(firstPage), currentAfter(two), currentAfter(three)]).toEqual([null, 'c10', 'c20']);
    expect(previousPage(three)).toEqual(two);
    expect(previousPage(firstPage)).toBe(firstPage);
  });

  test('counts pages, at least one', () => {
    expect(pageCount(51, 10)).toBe(6);
    expect(pageCount(50, 10)).toBe(5);
    expect(pageCount(0, 10)).toBe(1);
  });

  test('toggles sort direction on the same column; numbers start largest first, text A to Z', () => {
    expect(toggleSort({ field: 'NAME', direction: 'ASC' }, 'NAME', false)).toEqual({
      field: 'NAME',
      direction: 'DESC',
    });
    expect(toggleSort({ field: 'NAME', direction: 'ASC' }, 'VOTES', true)).toEqual({
      field: 'VOTES',
      direction: 'DESC',
    });
    expect(toggleSort({ field: 'VOTES', direction: 'DESC' }, 'CODE', false)).toEqual({
      field: 'CODE',
      direction: 'ASC',
    });
  });
});
