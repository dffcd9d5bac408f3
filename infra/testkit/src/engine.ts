import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENGINE_NODE_ARGS } from '@tally/common';
import { freePort } from '@tally/kafka-broker';
import { testBrokers } from './kafka.js';
import { uniqueName } from './names.js';
import { type ServiceProcess, spawnService } from './processes.js';

export interface EngineOptions {
  /** ksqlDB service id; unique per test by default so command topics never collide. */
  serviceId?: string;
  port?: number;
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export interface TestEngine {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  serviceId: string;
  process: ServiceProcess;
  /** Kills the engine (SIGTERM by default, SIGKILL to simulate a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again with the same port, service id and state folder (after `stop`). */
  restart(): Promise<void>;
}

/**
 * Starts the embedded ksqlDB-compatible engine as a real process on the test run's Kafka and waits
 * until `/healthcheck` reports healthy. Tests of other packages talk to it only over HTTP.
 */
export async function startEngine(options: EngineOptions = {}): Promise<TestEngine> {
  const serviceId = options.serviceId ?? `${uniqueName('svc')}_`;
  const port = options.port ?? (await freePort());
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'tally-engine-'));
  const url = `http://127.0.0.1:${port}`;
  const launch = async (): Promise<ServiceProcess> => {
    const proc = spawnService(
      'engine/src/cli.ts',
      [],
      {
        KAFKA_BROKERS: testBrokers(),
        ENGINE_PORT: String(port),
        KSQL_SERVICE_ID: serviceId,
        ENGINE_STATE_DIR: stateDir,
        LOG_LEVEL: process.env['ENGINE_LOG_LEVEL'] ?? 'warn',
        ...options.env,
      },
      ENGINE_NODE_ARGS,
    );
    await waitForHealthy(url, proc, options.readyTimeoutMs ?? 60_000);
    return proc;
  };
  const engine: TestEngine = {
    url,
    serviceId,
    process: await launch(),
    stop: async (signal = 'SIGTERM') => {
      await engine.process.kill(signal);
    },
    restart: async () => {
      engine.process = await launch();
    },
  };
  return engine;
}

/** Polls GET /healthcheck until the server answers `isHealthy: true`. */
export async function waitForHealthy(
  url: string,
  proc: ServiceProcess | undefined,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) {
      throw new Error(
        `engine exited with ${proc.child.exitCode} before it was ready:\n${proc.output().slice(-4000)}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthcheck`);
      if (response.ok && ((await response.json()) as { isHealthy?: boolean }).isHealthy) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(
    `engine at ${url} not healthy after ${timeoutMs} ms:\n${proc?.output().slice(-4000) ?? ''}`,
  );
}
