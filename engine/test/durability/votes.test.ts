import { describe, expect, it } from 'vitest';
import { planVotes } from './votes.js';

/** The chaos test matches processing-log entries to malformed records by their bytes. */
describe('the chaos test plan', () => {
  it('makes every malformed record unique, so each log entry names one record', () => {
    // 1840804903 once made two byte-identical truncated records, which read as one logged twice.
    for (const seed of [1840804903, 1, 2, 3]) {
      const plan = planVotes({
        seed,
        votes: 200_000,
        voters: 50_000,
        malformed: 1_000,
        revoteShare: 0.03,
        startMs: 0,
        spanMs: 25 * 60_000,
      });
      const malformed = plan.records.filter((r) => r.kind !== 'vote').map((r) => r.value);
      expect(malformed).toHaveLength(1_000);
      expect(new Set(malformed).size).toBe(malformed.length);
    }
  });
});
