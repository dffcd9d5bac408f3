#!/usr/bin/env node
// `npm start`: checks the machine, installs what is missing, then runs the stack from source.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkKafkaTools, checkNode, ensureDependencies, root } from './setup.mjs';

checkNode();
checkKafkaTools();
ensureDependencies();
const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', join(root, 'infra/stack/src/cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// The stack handles Ctrl-C itself (it receives the terminal's SIGINT too); forward a direct signal.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
