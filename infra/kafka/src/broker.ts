import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import { freePort } from './free-port.js';
import { ensureKafkaJars } from './jars.js';
import { log4j2Properties, renderServerProperties } from './server-properties.js';

/** A fixed KRaft cluster id: one local cluster per data folder, formatted once. */
const clusterId = 'VGFsbHlMb2NhbENsdXN0ZQ';
const readyLine = 'Kafka Server started';

export interface StartBrokerOptions {
  /** Folder for config, data and the broker log; reused (not re-formatted) when it exists. */
  dir: string;
  /** Client port; a free one is picked when omitted (and then remembered in the folder). */
  port?: number;
  controllerPort?: number;
  /** JVM heap in MiB (default 512). */
  heapMb?: number;
  /**
   * `fast-start` (default): serial GC and the C1 compiler only — a broker that idles most of the
   * time starts ~2× faster. `throughput`: the full JIT and the parallel collector, for benchmarks
   * (the broker serves every fetch, produce and transaction of the measured run).
   */
  jvm?: 'fast-start' | 'throughput';
  /** Keep the broker running after this process exits (the `tally-kafka start` command). */
  detached?: boolean;
  /**
   * Run the JVM in its own process group, so a terminal's Ctrl-C (sent to the foreground group)
   * does not reach it: the caller stops it last, after the clients that need it (`npm start`).
   */
  ownProcessGroup?: boolean;
  readyTimeoutMs?: number;
  logger?: Logger;
}

export interface RunningBroker {
  /** Bootstrap address for clients, e.g. `127.0.0.1:9092`. */
  brokers: string;
  pid: number;
  dir: string;
  /** SIGTERM, then wait for the JVM's shutdown hook to finish (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

interface Layout {
  port: number;
  controllerPort: number;
}

/** Formats the storage when needed, starts the JVM and waits until the broker serves clients. */
export async function startBroker(options: StartBrokerOptions): Promise<RunningBroker> {
  const { dir, logger } = options;
  const libs = await ensureKafkaJars(logger);
  mkdirSync(dir, { recursive: true });
  const layout = await resolveLayout(options);
  const adopted = adoptRunning(dir, layout);
  if (adopted) {
    logger?.info(
      { brokers: adopted.brokers, pid: adopted.pid },
      'reusing the Kafka broker already running on this folder',
    );
    return adopted;
  }
  const propsFile = join(dir, 'server.properties');
  const logConfig = join(dir, 'log4j2.properties');
  writeFileSync(propsFile, renderServerProperties({ ...layout, logDir: join(dir, 'data') }));
  writeFileSync(logConfig, log4j2Properties);
  const logProps = [`-Dkafka.logs.dir=${join(dir, 'logs')}`, `-Dlog4j2.configurationFile=${logConfig}`];
  const classpath = `${libs}/*`;

  if (!existsSync(join(dir, 'data', 'meta.properties'))) {
    logger?.info({ dir }, 'formatting KRaft storage');
    await run('java', [
      ...logProps,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      clusterId,
      '-c',
      propsFile,
      '--ignore-formatted',
    ]);
  }

  const logFile = join(dir, 'broker.log');
  writeFileSync(logFile, '');
  const out = openSync(logFile, 'a');
  const heap = options.heapMb ?? 512;
  const jvm = [
    `-Xms${options.jvm === 'throughput' ? heap : Math.min(256, heap)}m`,
    `-Xmx${heap}m`,
    ...(options.jvm === 'throughput'
      ? ['-XX:+UseParallelGC']
      : ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1']),
    '-Djava.awt.headless=true',
  ];
  const child = spawn('java', [...jvm, ...logProps, '-cp', classpath, 'kafka.Kafka', propsFile], {
    stdio: ['ignore', out, out],
    detached: (options.detached || options.ownProcessGroup) ?? false,
  });
  closeSync(out);
  if (options.detached) child.unref();
  const pid = child.pid ?? -1;
  writeFileSync(join(dir, 'broker.pid'), String(pid));

  await waitForReady(child, logFile, options.readyTimeoutMs ?? 60_000);
  const brokers = `127.0.0.1:${layout.port}`;
  logger?.info({ brokers, pid }, 'Kafka broker ready');
  return { brokers, pid, dir, stop: () => stopPid(pid) };
}

/** A broker left running on this folder (e.g. by a crashed `npm start`) is adopted, not duplicated. */
function adoptRunning(dir: string, layout: Layout): RunningBroker | undefined {
  const pidFile = join(dir, 'broker.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!(pid > 0) || !isAlive(pid)) return undefined;
  if (!readFileSync(join(dir, 'broker.log'), 'utf8').includes(readyLine)) return undefined;
  return { brokers: `127.0.0.1:${layout.port}`, pid, dir, stop: () => stopPid(pid) };
}

async function resolveLayout(options: StartBrokerOptions): Promise<Layout> {
  const file = join(options.dir, 'layout.json');
  // A formatted quorum remembers its controller endpoint, so a reused folder keeps its ports.
  if (existsSync(file) && options.port === undefined) return JSON.parse(readFileSync(file, 'utf8')) as Layout;
  const layout = {
    port: options.port ?? (await freePort()),
    controllerPort: options.controllerPort ?? (await freePort()),
  };
  writeFileSync(file, JSON.stringify(layout));
  return layout;
}

async function waitForReady(child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = readFileSync(logFile, 'utf8');
    if (log.includes(readyLine)) return;
    if (exitCode !== null)
      throw new Error(`Kafka exited with ${exitCode} before it was ready:\n${tail(log)}`);
    await delay(100);
  }
  child.kill('SIGKILL');
  throw new Error(`Kafka was not ready after ${timeoutMs} ms:\n${tail(readFileSync(logFile, 'utf8'))}`);
}

/** Stops a broker by pid: SIGTERM lets Kafka's shutdown hook flush and close cleanly. */
export async function stopPid(pid: number, timeoutMs = 20_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-30).join('\n');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}:\n${output}`)),
    );
  });
}
