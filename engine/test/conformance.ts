/**
 * `npm run conformance` (root) or `-w @tally/engine`: every case of ksqlDB's query-validation tests
 * through the engine — the topic-level folder on the in-memory log (as ksqlDB's own runner uses a
 * test driver), the REST folder over HTTP on real Kafka (KAFKA_BROKERS, or a broker started for the
 * run). One line per file, then the plain total line `N passed, N failed, N skipped`; a skip says
 * why (needs a schema registry, disabled in ksqlDB). Exits 1 when a case listed in
 * test/qtt/passing-cases.txt fails. `--qtt-dir DIR` reads another copy of the data;
 * `--verbose` lists failures; `--update` rewrites the passing list (in-process runs, see qtt/run.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { REST_PREFIX, readPassingCases } from './qtt/passing-cases.js';
import { qttAvailable, qttMissingMessage } from './qtt/qtt-dir.js';
import { runSuite } from './qtt/suite.js';
import { runRestConformance } from './rest-qtt/suite.js';

const { values } = parseArgs({
  options: {
    verbose: { type: 'boolean', short: 'v', default: false },
    'qtt-dir': { type: 'string' },
    update: { type: 'boolean', default: false },
  },
});
if (values['qtt-dir'] !== undefined) process.env['KSQL_QTT_DIR'] = values['qtt-dir'];
if (values.update) {
  // the list is made from the in-process runs: hand over to them
  process.argv = [process.argv[0]!, process.argv[1]!, '--update'];
  await import('./qtt/run.js');
} else {
  if (!qttAvailable()) {
    console.log(qttMissingMessage());
    process.exit(0);
  }
  const listed = readPassingCases();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const lost: string[] = [];
  const report = (
    file: string,
    ok: string[],
    failures: { name: string; reason: string }[],
    skips: { name: string; reason: string }[],
    prefix: string,
  ) => {
    passed += ok.length;
    failed += failures.length;
    skipped += skips.length;
    console.log(`${file}: ${ok.length} passed, ${failures.length} failed, ${skips.length} skipped`);
    for (const f of failures) {
      if (listed.has(prefix + f.name)) lost.push(`${f.name}: ${f.reason}`);
      if (values.verbose) console.log(`    FAIL ${f.name}: ${f.reason}`);
    }
  };

  for (const r of await runSuite())
    report(`query-validation-tests/${r.file}`, r.passed, r.failed, r.skipped, '');

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
      const names: string[] = Array.from({ length: r.passed }, () => '');
      report(`rest-query-validation-tests/${r.file}`, names, r.failed, r.skipped, REST_PREFIX);
    }
  } finally {
    await broker?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  for (const l of lost) console.log(`REGRESSION ${l}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(lost.length > 0 ? 1 : 0);
}
