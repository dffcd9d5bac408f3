import { describe, expect, it } from 'vitest';
import { passedNames, readPassingCases, regressions, totals } from './passing-cases.js';
import { qttAvailable, qttMissingMessage } from './qtt-dir.js';
import { runSuite } from './suite.js';

const available = qttAvailable();
if (!available) console.warn(qttMissingMessage());

/**
 * Every case listed in passing-cases.txt still passes (a regression guard per case, not a floor:
 * a floor lets one fixed case hide another broken one).
 */
describe.skipIf(!available)('ksqlDB query-validation tests', () => {
  const listed = available ? readPassingCases() : new Set<string>();

  it('topic-level suite (in-memory log): no listed case fails', async () => {
    const results = await runSuite();
    expect(regressions(results, false, listed)).toEqual([]);
    expect(passedNames(results, false).length).toBeGreaterThan(0);
    console.log(`topic-level QTT: ${JSON.stringify(totals(results))}`);
  }, 300_000);

  it('REST cases against the engine API (in-process): no listed case fails', async () => {
    const results = await runSuite({ rest: true });
    expect(regressions(results, true, listed)).toEqual([]);
    console.log(`REST QTT (in-process): ${JSON.stringify(totals(results))}`);
  }, 300_000);
});
