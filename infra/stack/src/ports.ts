import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackOptions } from './options.js';
import { isListening } from './readiness.js';

/** A port `npm start` needs is taken: says which, for what, and the flag that changes it. */
export class PortTakenError extends Error {
  override name = 'PortTakenError';
}

/**
 * Checks, before anything starts, that the ports `npm start` will listen on are free (in parallel,
 * each answered within a second): the API's, the engine's (unless KSQLDB_URL names a server) and
 * Kafka's (unless KAFKA_BROKERS names a cluster, or the broker of this state folder is the one
 * listening — it is reused).
 */
export async function checkPorts(options: StackOptions, stateDir: string): Promise<void> {
  const wanted: { port: number; what: string; flag: string; env: string }[] = [
    { port: options.apiPort, what: 'the API and dashboard', flag: '--api-port', env: 'API_PORT' },
  ];
  if (!process.env['KSQLDB_URL'])
    wanted.push({ port: options.enginePort, what: 'the engine', flag: '--engine-port', env: 'ENGINE_PORT' });
  if (!process.env['KAFKA_BROKERS'] && !ownBrokerRunning(join(stateDir, 'kafka')))
    wanted.push({ port: options.kafkaPort, what: 'Kafka', flag: '--kafka-port', env: 'KAFKA_PORT' });
  const taken = await Promise.all(wanted.map(async (w) => ((await isListening(w.port)) ? w : undefined)));
  const first = taken.find((w) => w !== undefined);
  if (first)
    throw new PortTakenError(
      `port ${first.port} (${first.what}) is already in use: stop what listens there, or choose another port with ` +
        `\`npm start -- ${first.flag} <port>\` (or ${first.env})`,
    );
}

/** True when the broker started by an earlier `npm start` on this folder still runs (it is adopted). */
function ownBrokerRunning(dir: string): boolean {
  const pidFile = join(dir, 'broker.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    return pid > 0 && process.kill(pid, 0);
  } catch {
    return false;
  }
}
