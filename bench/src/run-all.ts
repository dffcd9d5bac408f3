import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { repoRoot } from '@tally/testkit';
import { runApiBench } from './api-bench.js';
import { onInterrupt } from './cleanup.js';
import { runEngineBench } from './engine-bench.js';
import { runEngineRestartBench } from './engine-restart-bench.js';
import { type BenchSection, renderSection } from './report.js';
import { runSeedBench } from './seed-bench.js';
import { runVoteBench } from './vote-bench.js';

/**
 * `npm run bench [-- [--write] name ...]`: runs the benchmarks (all, or those named) on a fresh local
 * broker (or KAFKA_BROKERS) and prints their sections; with `--write` it also rewrites those
 * sections of docs/benchmarks.md.
 */
type Bench = (brokers: string) => Promise<BenchSection[]>;
const benches: Record<string, Bench> = {
  seed: async (brokers) => [(await runSeedBench({ brokers })).section],
  vote: async (brokers) => [(await runVoteBench({ brokers })).section],
  engine: (brokers) => runEngineBench({ brokers }),
  'engine-restart': (brokers) => runEngineRestartBench({ brokers }),
  api: (brokers) => runApiBench({ brokers }),
};

const usage = `usage: npm run bench -- [--write] [name ...]
  Runs the benchmarks named (default: all) on real Kafka (a fresh local broker, or KAFKA_BROKERS)
  and PostgreSQL, and prints their results.
  names: ${Object.keys(benches).join(', ')}
  --write   also rewrite their sections of docs/benchmarks.md
  --help    this text`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const refuse = (what: string): never => {
  console.error(`${what}\n${usage}`);
  process.exit(2);
};
for (const flag of args.filter((a) => a.startsWith('-') && a !== '--write'))
  refuse(`unknown option '${flag}'`);
const write = args.includes('--write');
const wanted = args.filter((a) => !a.startsWith('-'));
const selected = wanted.length > 0 ? wanted : Object.keys(benches);
for (const name of selected) if (!benches[name]) refuse(`unknown benchmark '${name}'`);

const logger = createLogger('bench');

let broker: RunningBroker | undefined;
let dir: string | undefined;
let brokers = process.env['KAFKA_BROKERS'];
if (!brokers) {
  const kafkaDir = mkdtempSync(join(tmpdir(), 'tally-bench-kafka-'));
  dir = kafkaDir;
  onInterrupt(async () => {
    await broker?.stop();
    rmSync(kafkaDir, { recursive: true, force: true });
  });
  broker = await startBroker({ dir, heapMb: 1024, jvm: 'throughput', logger });
  brokers = broker.brokers;
  process.env['KAFKA_BROKERS'] = brokers;
}
const sections: BenchSection[] = [];
const file = join(repoRoot, 'docs', 'benchmarks.md');

/** Rewrites the sections just measured in docs/benchmarks.md, keeping the others. */
function writeReport(): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = previous
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith('## ') && !sections.some((s) => part.startsWith(`## ${s.title}\n`)));
  const header = [
    '# Benchmarks',
    '',
    `Reproduce everything with \`npm run bench -- --write\`, one part with \`npm run bench -- --write <name>\` (${Object.keys(benches).join(', ')}). Each section says when and on which machine it was measured: machines differ from session to session (seen: Intel Xeon and AMD EPYC, 2 cores each, with the same code up to 2× apart), so compare a section's rows with each other, not with another section's.`,
    '',
  ].join('\n');
  writeFileSync(
    file,
    [header, ...kept.map((k) => `${k.trimEnd()}\n`), ...sections.map(renderSection)].join('\n'),
  );
}

let failures = 0;
try {
  for (const name of selected) {
    logger.info({ bench: name }, 'running');
    const started = performance.now();
    try {
      const measured = await benches[name]!(brokers);
      sections.push(...measured);
      if (write) writeReport();
      for (const section of measured) process.stdout.write(`${renderSection(section)}\n`);
      logger.info({ bench: name, seconds: Math.round((performance.now() - started) / 1000) }, 'done');
    } catch (error) {
      failures++;
      logger.error({ bench: name, err: error }, 'benchmark failed');
    }
  }
} finally {
  await broker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
if (!write) logger.info('docs/benchmarks.md left unchanged (npm run bench -- --write records the results)');
process.exitCode = failures > 0 ? 1 : 0;
