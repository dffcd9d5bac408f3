import type { Reporter, TestModule } from 'vitest/node';
import type { SkippedForData } from './external-data.js';

export interface SummaryReporterOptions {
  /** Test files left out for missing data: said once at the start, counted as skipped at the end. */
  skippedForData?: SkippedForData[];
}

/**
 * Ends a test run with the plain line `N passed, N failed, N skipped`, which CI reads to know how
 * many tests ran, whatever the runner. A file whose hooks failed (`beforeAll`) counts as failed
 * even though its tests never ran.
 */
export default class SummaryReporter implements Reporter {
  private readonly skippedForData: SkippedForData[];

  constructor(options: SummaryReporterOptions = {}) {
    this.skippedForData = options.skippedForData ?? [];
  }

  onInit(): void {
    for (const skipped of this.skippedForData) process.stdout.write(`${skipped.line}\n`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = this.skippedForData.reduce((n, s) => n + s.tests, 0);
    for (const module of testModules) {
      let moduleFailed = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') moduleFailed++;
        else skipped++;
      }
      // A failing hook or import leaves the tests skipped (or none at all): the file failed.
      if (module.state() === 'failed' && moduleFailed === 0) moduleFailed = 1;
      failed += moduleFailed;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
