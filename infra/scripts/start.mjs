#!/usr/bin/env node
// `npm start`: checks the machine, installs what is missing, then runs the stack from source.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Tally needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}
for (const [tool, why] of [
  ['java', 'Kafka runs on Java 17+'],
  ['mvn', 'Kafka is resolved from Maven Central with Maven'],
]) {
  if (!process.env.KAFKA_BROKERS && spawnSync(tool, ['-version'], { stdio: 'ignore' }).error) {
    console.error(`'${tool}' is missing: ${why} (or set KAFKA_BROKERS to an existing cluster).`);
    process.exit(1);
  }
}
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)…');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.status !== 0) process.exit(ci.status ?? 1);
}
const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', join(root, 'infra/stack/src/cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// The stack handles Ctrl-C itself (it receives the terminal's SIGINT too); forward a direct signal.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
