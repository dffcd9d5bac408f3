/**
 * The REST conformance runner: `node --conditions=source --import tsx engine/test/rest-qtt/run.ts`.
 * Runs `shared/ksql-qtt/rest-query-validation-tests/*.json` over HTTP against the engine on real
 * Kafka (KAFKA_BROKERS, or a broker started for the run). Prints one line per file and ends with
 * `N passed, N failed, N skipped`. Flags: `--filter <regex>`, `--verbose`, `--concurrency <n>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { runRestConformance } from './suite.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes('--verbose') || args.includes('-v');
const filter = flag('--filter');

let broker: RunningBroker | undefined;
let brokerDir: string | undefined;
let brokers = process.env['KAFKA_BROKERS'];
if (!brokers) {
  brokerDir = mkdtempSync(join(tmpdir(), 'tally-kafka-'));
  broker = await startBroker({ dir: brokerDir });
  brokers = broker.brokers;
}
try {
  const results = await runRestConformance({
    brokers,
    ...(filter ? { filter: new RegExp(filter) } : {}),
    concurrency: Number(flag('--concurrency') ?? 2),
    ...(verbose
      ? {
          onCase: (_f, name, ok, reason) =>
            console.error(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${reason}`}`),
        }
      : {}),
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    passed += r.passed;
    failed += r.failed.length;
    skipped += r.skipped.length;
    console.log(`${r.file}: ${r.passed} passed, ${r.failed.length} failed, ${r.skipped.length} skipped`);
    if (verbose) for (const f of r.failed) console.log(`    FAIL ${f.name}: ${f.reason}`);
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  await broker?.stop();
  if (brokerDir) rmSync(brokerDir, { recursive: true, force: true });
}
// kafkajs keeps retry timers of closed clients alive for a while; the run is over.
process.exit();
