import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr } from '../syntax/index.js';
import { parsePartialTimestamp } from './functions/index.js';
import { rewriteMagicTimestamps } from './magic-timestamps.js';

const rewrite = (sql: string) => printExpr(rewriteMagicTimestamps(parseExpression(sql)));

describe('strings compared with ROWTIME and window bounds', () => {
  it.each([
    ['2018', Date.UTC(2018, 0, 1)],
    ['2018-05', Date.UTC(2018, 4, 1)],
    ['2018-01-01T00:00:00.001', Date.UTC(2018, 0, 1, 0, 0, 0, 1)],
    ['2018-01-01T10', Date.UTC(2018, 0, 1, 10)],
    ['2019-01-01T00:00:00+0445', Date.UTC(2018, 11, 31, 19, 15)],
    ['2020-02-10T08:31:44.001-0100', Date.UTC(2020, 1, 10, 9, 31, 44, 1)],
  ])('reads %s as a partial ISO timestamp', (text, ms) => {
    expect(parsePartialTimestamp(text)).toBe(ms);
  });

  it('refuses a string that is no timestamp', () => {
    expect(() => parsePartialTimestamp('yesterday')).toThrow(/^Failed to parse timestamp 'yesterday': /);
  });

  it('replaces the strings of comparisons and BETWEEN on ROWTIME, WINDOWSTART, WINDOWEND with millis', () => {
    expect(rewrite("ROWTIME > '2018-01-01T00:00:00.001' AND X = '2018'")).toBe(
      "((ROWTIME > 1514764800001) AND (X = '2018'))",
    );
    expect(rewrite("'2020' <= WINDOWSTART")).toBe('(1577836800000 <= WINDOWSTART)');
    expect(rewrite("NOT (WINDOWEND BETWEEN '1970' AND '1970-01-01T00:00:01')")).toBe(
      '(NOT (WINDOWEND BETWEEN 0 AND 1000))',
    );
    expect(rewrite("NAME = '2018'")).toBe("(NAME = '2018')");
  });
});
