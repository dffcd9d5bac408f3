import { testBrokers } from '@tally/testkit';
import { describe, expect, it } from 'vitest';
import { qttAvailable } from '../qtt/qtt-dir.js';
import { runRestConformance } from './suite.js';

/**
 * A slice of the REST conformance suite under vitest, so the HTTP runner itself stays working; the
 * whole suite runs with `node --conditions=source --import tsx engine/test/rest-qtt/run.ts`.
 */
describe.skipIf(!qttAvailable())('REST conformance runner', () => {
  it('passes push, pull and insert cases over HTTP on real Kafka', { timeout: 180_000 }, async () => {
    const results = await runRestConformance({
      brokers: testBrokers(),
      filter:
        /^(push-queries - only key column|pull-queries-against-materialized-aggregates - non-windowed single key lookup - STRING|insert-values - explicitly supply all column values)$/,
    });
    const failures = results.flatMap((r) => r.failed);
    expect(failures).toEqual([]);
    expect(results.reduce((n, r) => n + r.passed, 0)).toBe(3);
  });
});
