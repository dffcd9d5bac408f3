/**
 * The committed list of conformance cases that pass (`passing-cases.txt`, one name per line; REST
 * cases run in-process prefixed `rest: `). A case on the list that fails is a regression: the
 * conformance test and `npm run conformance` fail on it. `--update` rewrites the list from a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from './suite.js';

const LIST = join(import.meta.dirname, 'passing-cases.txt');
export const REST_PREFIX = 'rest: ';

export function readPassingCases(): Set<string> {
  return new Set(
    readFileSync(LIST, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0 && !l.startsWith('#')),
  );
}

export function writePassingCases(names: Iterable<string>): void {
  const header =
    '# ksqlDB conformance cases that pass (engine/test/qtt/passing-cases.ts); regenerate: npm run conformance -- --update';
  writeFileSync(LIST, `${[header, ...[...names].sort()].join('\n')}\n`);
}

/** Names of the cases run that pass, REST ones prefixed. */
export function passedNames(results: FileResult[], rest: boolean): string[] {
  return results.flatMap((r) => r.passed.map((n) => (rest ? REST_PREFIX + n : n)));
}

/** Listed cases that were run and did not pass, with their reasons. */
export function regressions(
  results: FileResult[],
  rest: boolean,
  listed: ReadonlySet<string>,
): { name: string; reason: string }[] {
  const prefix = rest ? REST_PREFIX : '';
  return results.flatMap((r) => [
    ...r.failed.filter((f) => listed.has(prefix + f.name)),
    ...r.skipped
      .filter((s) => listed.has(prefix + s.name))
      .map((s) => ({ name: s.name, reason: `skipped: ${s.reason}` })),
  ]);
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(results: FileResult[]): Totals {
  return results.reduce(
    (t, r) => ({
      passed: t.passed + r.passed.length,
      failed: t.failed + r.failed.length,
      skipped: t.skipped + r.skipped.length,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}
