#!/usr/bin/env node
// `npm test`: does its own set-up as `npm start` does (dependencies, Kafka jars, Chromium), then
// lint, types and every test. Arguments go to vitest (`npm test -- --project engine`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  checkKafkaTools,
  checkNode,
  ensureChromium,
  ensureDependencies,
  ensureKafkaJars,
  fail,
  projectEnv,
  root,
} from './setup.mjs';

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm test [-- vitest arguments]  installs what is missing, then lint, typecheck and vitest run\n' +
      '  e.g. npm test -- --project engine    npm test -- infra/stack/test/reset.test.ts',
  );
  process.exit(0);
}
checkNode();
checkKafkaTools();
ensureDependencies();
ensureKafkaJars();
ensureChromium();

const bin = (name) => join(root, 'node_modules', '.bin', name);
for (const [what, command, args] of [
  ['lint', bin('biome'), ['check', '.']],
  ['typecheck', bin('turbo'), ['run', 'typecheck']],
  ['tests', bin('vitest'), ['run', ...process.argv.slice(2)]],
]) {
  const step = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: projectEnv() });
  if (step.status !== 0)
    fail(`npm test: ${what} failed (exit ${step.status ?? step.signal}).`, step.status ?? 1);
}
