/**
 * `npm run conformance -w @tally/engine` (or `npm run conformance` at the root): every case of
 * ksqlDB's query-validation tests through the engine — the topic-level folder on the in-memory log
 * (as ksqlDB's own runner uses a test driver), the REST folder over HTTP on real Kafka
 * (KAFKA_BROKERS, or a broker started for the run). One line per file, then the plain total line
 * `N passed, N failed, N skipped`; skipped means "needs a schema registry" and nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { runSuite } from './qtt/suite.js';
import { runRestConformance } from './rest-qtt/suite.js';

const verbose = process.argv.includes('--verbose');
let passed = 0;
let failed = 0;
let skipped = 0;
const report = (file: string, ok: number, failures: { name: string; reason: string }[], skips: number) => {
  passed += ok;
  failed += failures.length;
  skipped += skips;
  console.log(`${file}: ${ok} passed, ${failures.length} failed, ${skips} skipped`);
  if (verbose) for (const f of failures) console.log(`    FAIL ${f.name}: ${f.reason}`);
};

for (const r of await runSuite(undefined, undefined, false))
  report(`query-validation-tests/${r.file}`, r.passed, r.failed, r.skipped);

let broker: RunningBroker | undefined;
let dir: string | undefined;
let brokers = process.env['KAFKA_BROKERS'];
if (!brokers) {
  dir = mkdtempSync(join(tmpdir(), 'tally-kafka-'));
  broker = await startBroker({ dir });
  brokers = broker.brokers;
}
try {
  for (const r of await runRestConformance({ brokers, concurrency: 2 })) {
    report(`rest-query-validation-tests/${r.file}`, r.passed, r.failed, r.skipped.length);
  }
} finally {
  await broker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(0);
