import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import { repoRoot } from './paths.js';

/** ANSI colours for the per-service prefixes (skipped when stdout is not a terminal). */
const palette = ['36', '35', '33', '32', '34', '91', '96'];
/** Lines of each service's output kept to say why it failed. */
const keptLines = 20;

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
  readonly spec: ServiceSpec;
  /** The service's current process (a restart replaces it). */
  readonly child: ChildProcess;
  /** Resolves with the current process's exit code (or the signal's name) when it ends. */
  readonly exit: Promise<number | string>;
  /** `Date.now()` when the current process started. */
  readonly startedAt: number;
  /** How many times the service was started again after exiting. */
  readonly restarts: number;
  /** The last lines the service printed (stdout and stderr), oldest first. */
  lastLines(): string[];
}

interface Service extends Supervised {
  child: ChildProcess;
  exit: Promise<number | string>;
  startedAt: number;
  restarts: number;
  lines: string[];
  prefix: string;
}

/**
 * Starts Tally's services as child processes, prefixes every line they print with the service's
 * name, restarts them on request (`restart`, used by keep-running.ts), and stops them all — newest
 * first — on `stopAll` (SIGTERM, then SIGKILL after a grace).
 */
export class Supervisor {
  private readonly services: Service[] = [];
  private readonly colour = process.stdout.isTTY;
  private stopping = false;

  constructor(private readonly logger?: Logger) {
    // Last resort if the supervisor dies without stopping them: never leave services behind.
    process.once('exit', () => {
      for (const service of this.services) if (service.child.exitCode === null) service.child.kill('SIGKILL');
    });
  }

  /** True once `stopAll` has begun: exits are then expected, never restarted. */
  get isStopping(): boolean {
    return this.stopping;
  }

  start(spec: ServiceSpec): Supervised {
    const lines: string[] = [];
    // child, exit and startedAt are set by spawn, before anyone can read them.
    const service = { name: spec.name, spec, restarts: 0, lines, prefix: this.prefix(spec.name) } as Service;
    service.lastLines = () => [...lines];
    this.spawn(service);
    this.services.push(service);
    return service;
  }

  /** Starts a service's process again after it exited (no-op while stopping). */
  restart(supervised: Supervised): void {
    const service = supervised as Service;
    if (this.stopping || (service.child.exitCode === null && service.child.signalCode === null)) return;
    service.restarts++;
    this.spawn(service);
  }

  /** Runs a one-shot step (a migration, the seed) and fails if it exits non-zero. */
  async run(spec: ServiceSpec): Promise<void> {
    const service = this.start(spec);
    const code = await service.exit;
    this.services.splice(this.services.indexOf(service as Service), 1);
    if (code !== 0) throw new Error(`${spec.name} failed (exit ${code})`);
  }

  /** Stops every running service, newest first, waiting for each to exit. */
  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const service of [...this.services].reverse()) {
      if (service.child.exitCode !== null || service.child.signalCode !== null) continue;
      const started = Date.now();
      service.child.kill('SIGTERM');
      const done = await Promise.race([service.exit.then(() => true), delay(graceMs).then(() => false)]);
      if (!done) service.child.kill('SIGKILL');
      await service.exit;
      this.logger?.info(
        { service: service.name, ms: Date.now() - started, killed: !done },
        `${service.name} stopped`,
      );
    }
    this.services.length = 0;
  }

  private spawn(service: Service): void {
    const { spec, prefix } = service;
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
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        service.lines.push(line);
        if (service.lines.length > keptLines) service.lines.shift();
        process.stdout.write(`${prefix} ${line}\n`);
      });
    }
    service.child = child;
    service.startedAt = Date.now();
    service.exit = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
    });
  }

  private prefix(name: string): string {
    const label = `[${name}]`.padEnd(10);
    if (!this.colour) return label;
    const code = palette[this.services.length % palette.length];
    return `\u001b[${code}m${label}\u001b[0m`;
  }
}
