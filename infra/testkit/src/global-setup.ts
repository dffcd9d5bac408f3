import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';

/**
 * Vitest global setup: one real Kafka broker per test run, unless KAFKA_BROKERS points at one.
 * Tests read the address from process.env.KAFKA_BROKERS (inherited by the workers).
 */
export default async function setup(): Promise<() => Promise<void>> {
  let broker: RunningBroker | undefined;
  let dir: string | undefined;
  if (!process.env['KAFKA_BROKERS']) {
    dir = mkdtempSync(join(tmpdir(), 'tally-kafka-'));
    broker = await startBroker({ dir });
    process.env['KAFKA_BROKERS'] = broker.brokers;
    console.log(`[testkit] Kafka broker for this run: ${broker.brokers} (pid ${broker.pid})`);
  }
  return async () => {
    await broker?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
