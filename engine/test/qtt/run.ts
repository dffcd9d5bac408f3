/**
 * The QTT suites in-process: the topic-level folder on the in-memory log, or (`--rest`) the REST
 * folder against the engine API. Prints one line per file, then `N passed, N failed, N skipped`,
 * and exits 1 when a case of passing-cases.txt fails.
 * `--verbose` lists failing cases with reasons (and skipped ones with theirs); `--filter <regex>`
 * runs matching cases only; `--update` rewrites passing-cases.txt from a full run of both suites;
 * `--qtt-dir DIR` reads the data from DIR (as KSQL_QTT_DIR).
 */
import { parseArgs } from 'node:util';
import { writeConformanceReport } from './conformance-report.js';
import { passedNames, readPassingCases, regressions, totals, writePassingCases } from './passing-cases.js';
import { qttAvailable, qttMissingMessage } from './qtt-dir.js';
import { type FileResult, runSuite } from './suite.js';

const { values } = parseArgs({
  options: {
    verbose: { type: 'boolean', short: 'v', default: false },
    filter: { type: 'string' },
    rest: { type: 'boolean', default: false },
    update: { type: 'boolean', default: false },
    'qtt-dir': { type: 'string' },
  },
});
if (values['qtt-dir'] !== undefined) process.env['KSQL_QTT_DIR'] = values['qtt-dir'];
if (!qttAvailable()) {
  console.log(qttMissingMessage());
  process.exit(values.update ? 1 : 0);
}
const filter = values.filter === undefined ? undefined : new RegExp(values.filter);

function print(label: string, results: FileResult[]): void {
  for (const r of results) {
    console.log(
      `${label}${r.file}: ${r.passed.length} passed, ${r.failed.length} failed, ${r.skipped.length} skipped`,
    );
    if (values.verbose) {
      for (const f of r.failed) console.log(`    FAIL ${f.name}: ${f.reason}`);
      for (const s of r.skipped) console.log(`    SKIP ${s.name}: ${s.reason}`);
    }
  }
}

const listed = readPassingCases();
if (values.update) {
  const topic = await runSuite({});
  const rest = await runSuite({ rest: true });
  writePassingCases([...passedNames(topic, false), ...passedNames(rest, true)]);
  writeConformanceReport(topic, rest, new Date().toISOString().slice(0, 10));
  const t = totals(topic);
  const r = totals(rest);
  console.log(
    `passing-cases.txt and CONFORMANCE.md: ${t.passed} topic-level and ${r.passed} REST cases pass`,
  );
  process.exit(0);
}
const results = await runSuite({ rest: values.rest, ...(filter === undefined ? {} : { filter }) });
print('', results);
const lost = regressions(results, values.rest, listed);
for (const l of lost) console.log(`REGRESSION ${l.name}: ${l.reason}`);
const t = totals(results);
console.log(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
process.exit(lost.length > 0 ? 1 : 0);
