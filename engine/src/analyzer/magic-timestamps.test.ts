import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr } from '../syntax/index.js';
import { partialTimestampMillis, rewriteMagicTimestamps } from './magic-timestamps.js';

describe('magic timestamps', () => {
  it.each([
    ['2018-01-01T00:00:00.001', 1514764800001],
    ['2018', 1514764800000],
    ['2018-01-01T00:00:01', 1514764801000],
    ['2019-01-01T00:00:00+0445', 1546300800000 - (4 * 60 + 45) * 60_000],
    ['2019-01-01T00:00:00-03:00', 1546300800000 + 3 * 3_600_000],
    ['2020-02-10T08:31:44.001Z', Date.UTC(2020, 1, 10, 8, 31, 44, 1)],
    ['not a time', undefined],
  ])('%s is %s', (text, ms) => {
    expect(partialTimestampMillis(text)).toBe(ms);
  });

  it.each([
    ["ROWTIME > '2018'", '(ROWTIME > 1514764800000)'],
    ["'2018' <= WINDOWSTART AND X = '2018'", "((1514764800000 <= WINDOWSTART) AND (X = '2018'))"],
    ["ROWTIME BETWEEN '2018' AND '2018-01-01T00:00:01'", '(ROWTIME BETWEEN 1514764800000 AND 1514764801000)'],
  ])('rewrites %s', (sql, printed) => {
    expect(printExpr(rewriteMagicTimestamps(parseExpression(sql)))).toBe(printed);
  });
});
