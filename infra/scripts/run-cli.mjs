// The launcher behind every package's bin (`tally-ksql`, `tally-engine`, …): it runs the CLI's
// TypeScript source through tsx, so a bin works on a clone with nothing built — no bin resolves to
// an unbuilt file, and `npx <bin>` never falls through to the public registry once installed.
// Where the sources or tsx are absent (a production image after `npm run build`), the built
// dist/ file runs instead. Plain JavaScript: it is what npm links into node_modules/.bin.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies, projectNode } from './setup.mjs';

/**
 * Runs `<package>/src/<entry>.ts` (else `<package>/dist/<entry>.js`) for the bin file at `binUrl`
 * (`<package>/bin/x.mjs`) with this process's arguments, forwarding signals and the exit code.
 */
export function runCli(binUrl, entry, nodeArgs = []) {
  const pkg = join(dirname(fileURLToPath(binUrl)), '..');
  const source = join(pkg, 'src', `${entry}.ts`);
  const built = join(pkg, 'dist', `${entry}.js`);
  // A fresh clone: install first, as `npm start` does (a no-op where node_modules exists).
  if (!resolveTsx()) ensureDependencies();
  const tsx = resolveTsx();
  let args;
  if (tsx && existsSync(source)) args = [...nodeArgs, '--conditions=source', '--import', tsx, source];
  else if (existsSync(built)) args = [...nodeArgs, built];
  else {
    console.error(`${source} needs tsx (npm ci), or build ${built} with npm run build.`);
    process.exit(1);
  }
  const child = spawn(projectNode(), [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

function resolveTsx() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}
