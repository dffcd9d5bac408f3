import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (infra/testkit/src → ../../..). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  exited(): Promise<number | null>;
}

const running = new Set<ChildProcess>();
// A test process that dies (or is killed by vitest) must not leave engines or producers behind.
process.once('exit', () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * Extra Node options for every spawned service, from SERVICE_NODE_ARGS (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the engine under a test or benchmark — Node
 * refuses --cpu-prof in NODE_OPTIONS.
 */
function serviceNodeArgs(): string[] {
  return (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
}

/**
 * Runs a TypeScript entry point of the repository (e.g. `engine/src/cli.ts`) as its own process,
 * straight from source, the way a user's process would run. Real processes, so tests can SIGKILL them.
 */
export function spawnService(
  entry: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: readonly string[] = [],
): ServiceProcess {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ...serviceNodeArgs(),
      '--conditions=source',
      '--import',
      'tsx',
      join(repoRoot, entry),
      ...args,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
  return {
    child,
    output: () => output,
    exited: () => exit,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
}
