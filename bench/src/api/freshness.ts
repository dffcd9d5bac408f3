import { setTimeout as delay } from 'node:timers/promises';
import { voteRecord } from '../vote-fixtures.js';
import { openLightClient } from './light-client.js';
import type { ApiBenchStack } from './stack.js';
import { percentile } from './stats.js';

/** Freshness at one vote rate: time from writing a vote to `votes_topic` to a subscriber seeing it. */
export interface FreshnessResult {
  targetRate: number;
  achievedRate: number;
  votes: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
}

function totalOf(data: Record<string, unknown>): number {
  const candidates = (data['candidates'] ?? []) as { votes: number }[];
  return candidates.reduce((sum, candidate) => sum + candidate.votes, 0);
}

/**
 * Writes votes of new voters at `rate` per second for `seconds` (paced every 10 ms) while one
 * subscriber watches `candidates`; each vote's freshness is the arrival of the first total that
 * includes it minus the moment it was handed to Kafka. The first 10 % are warm-up.
 */
export async function measureFreshness(
  stack: ApiBenchStack,
  rate: number,
  seconds: number,
  firstIndex: number,
): Promise<FreshnessResult> {
  const client = await openLightClient(`${stack.apiUrl}/graphql`);
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let baseline: number | undefined;
  let seen = 0;
  client.subscribe('subscription { candidates { votes } }', (data, at) => {
    const total = totalOf(data);
    if (baseline === undefined) {
      baseline = total;
      return;
    }
    const upTo = Math.min(total - baseline, sentAt.length);
    for (; seen < upTo; seen++) latencies.push(at - sentAt[seen]!);
  });
  while (baseline === undefined) await delay(20);
  const producer = await stack.kafka.producer();
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    if (due > sent) {
      const records = [];
      const now = performance.now();
      for (let i = sent; i < due; i++) {
        records.push(voteRecord(firstIndex + i, `bench-${firstIndex + i}`));
        sentAt.push(now);
      }
      sent = due;
      const send = producer.send([{ topic: stack.votesTopic, records }]).finally(() => inFlight.delete(send));
      inFlight.add(send);
    }
    await delay(10);
  }
  const elapsed = performance.now() - started;
  await Promise.all(inFlight);
  const deadline = Date.now() + 120_000;
  while (seen < sent && Date.now() < deadline) await delay(50);
  await producer.close();
  client.close();
  const measured = latencies.slice(Math.floor(latencies.length / 10));
  return {
    targetRate: rate,
    achievedRate: Math.round((sent * 1000) / elapsed),
    votes: sent,
    delivered: seen,
    p50: percentile(measured, 50),
    p99: percentile(measured, 99),
    max: percentile(measured, 100),
  };
}
