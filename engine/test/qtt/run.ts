/**
 * `npm run conformance -w @tally/engine`: the topic-level QTT suite on the in-memory log.
 * Prints one line per file and ends with `N passed, N failed, N skipped`.
 * `--rest` runs the REST folder in-process against the engine API (the HTTP runner is the server's).
 * `--verbose` lists failing cases with reasons; `--filter <regex>` runs matching cases only.
 */
import { RQTT_DIR, runSuite } from './suite.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const fi = args.indexOf('--filter');
const filter = fi >= 0 ? new RegExp(args[fi + 1] ?? '') : undefined;
const rest = args.includes('--rest');
const results = await runSuite(rest ? RQTT_DIR : undefined, filter, rest);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed.length;
  skipped += r.skipped;
  console.log(`${r.file}: ${r.passed} passed, ${r.failed.length} failed, ${r.skipped} skipped`);
  if (verbose) for (const f of r.failed) console.log(`    FAIL ${f.name}: ${f.reason}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
