#!/usr/bin/env node
// `npm start`: checks the machine, installs what is missing, then runs the stack from source.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkKafkaTools, checkNode, ensureDependencies, projectEnv, projectNode, root } from './setup.mjs';

checkNode();
checkKafkaTools();
ensureDependencies();
// The stack runs on the project's Node 24, whatever Node started this script.
const child = spawn(
  projectNode(),
  ['--conditions=source', '--import', 'tsx', join(root, 'infra/stack/src/cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: projectEnv() },
);
// The stack handles Ctrl-C itself (it receives the terminal's SIGINT too); forward a direct signal.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
