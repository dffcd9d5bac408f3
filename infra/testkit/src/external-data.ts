import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Test files that read data the repository does not hold, and which data. */
const needs = [
  {
    data: "ksqlDB's query-validation tests (Confluent Community License, not in the repository)",
    // as engine/test/qtt/qtt-dir.ts finds it
    dir: process.env['KSQL_QTT_DIR'] ?? '../shared/ksql-qtt',
    files: ['engine/test/qtt/conformance.test.ts', 'engine/test/rest-qtt/rest-conformance.test.ts'],
  },
];

/** Test files left out of this run because their data is missing, counted as skipped tests. */
export interface SkippedForData {
  /** Paths from the repository root. */
  files: string[];
  /** The `it(…)` / `test(…)` cases in them: what the summary counts as skipped. */
  tests: number;
  /** One line for the test output: what is missing, where it was looked for. */
  line: string;
}

/** The test files whose data is not beside the repository (`root`), with the line to print. */
export function skippedForMissingData(root: string): SkippedForData[] {
  return needs
    .filter((need) => !existsSync(resolve(root, need.dir)))
    .map((need) => {
      const tests = need.files
        .map((file) => readFileSync(join(root, file), 'utf8').match(/^\s*(it|test)\(/gm)?.length ?? 0)
        .reduce((a, b) => a + b, 0);
      return {
        files: need.files,
        tests,
        line: `skipped ${tests} tests (${need.files.join(', ')}): they need ${need.data} at ${resolve(root, need.dir)}`,
      };
    });
}
