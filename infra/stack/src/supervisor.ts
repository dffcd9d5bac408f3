import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from './paths.js';

/** ANSI colours for the per-service prefixes (skipped when stdout is not a terminal). */
const palette = ['36', '35', '33', '32', '34', '91', '96'];

export interface ServiceSpec {
  /** Short name shown as the log prefix, e.g. `engine`. */
  name: string;
  /** TypeScript entry point relative to the repository root, run from source. */
  entry: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Node options for this service (before the entry point). */
  nodeArgs?: readonly string[];
}

export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exit: Promise<number | string>;
}

/**
 * Starts Tally's services as child processes, prefixes every line they print with the service's
 * name, and stops them all — newest first — on `stopAll` (SIGTERM, then SIGKILL after a grace).
 */
export class Supervisor {
  private readonly services: Supervised[] = [];
  private readonly colour = process.stdout.isTTY;

  constructor() {
    // Last resort if the supervisor dies without stopping them: never leave services behind.
    process.once('exit', () => {
      for (const service of this.services) if (service.child.exitCode === null) service.child.kill('SIGKILL');
    });
  }

  start(spec: ServiceSpec): Supervised {
    const child = spawn(
      process.execPath,
      [...(spec.nodeArgs ?? []), '--conditions=source', '--import', 'tsx', spec.entry, ...(spec.args ?? [])],
      {
        cwd: repoRoot,
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group: the terminal's Ctrl-C reaches only the supervisor, which then stops the
        // services in order (producers and API before the engine, the engine before Kafka).
        detached: true,
      },
    );
    const prefix = this.prefix(spec.name);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
    }
    const exit = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
    });
    const service = { name: spec.name, child, exit };
    this.services.push(service);
    return service;
  }

  /** Runs a one-shot step (a migration, the seed) and fails if it exits non-zero. */
  async run(spec: ServiceSpec): Promise<void> {
    const service = this.start(spec);
    const code = await service.exit;
    this.services.splice(this.services.indexOf(service), 1);
    if (code !== 0) throw new Error(`${spec.name} failed (exit ${code})`);
  }

  /** Stops every running service, newest first, waiting for each to exit. */
  async stopAll(graceMs = 15_000): Promise<void> {
    for (const service of [...this.services].reverse()) {
      if (service.child.exitCode !== null || service.child.signalCode !== null) continue;
      service.child.kill('SIGTERM');
      const done = await Promise.race([service.exit.then(() => true), delay(graceMs).then(() => false)]);
      if (!done) service.child.kill('SIGKILL');
      await service.exit;
    }
    this.services.length = 0;
  }

  private prefix(name: string): string {
    const label = `[${name}]`.padEnd(10);
    if (!this.colour) return label;
    const code = palette[this.services.length % palette.length];
    return `\u001b[${code}m${label}\u001b[0m`;
  }
}
