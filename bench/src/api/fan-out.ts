import { setTimeout as delay } from 'node:timers/promises';
import { voteRecord } from '../vote-fixtures.js';
import { type LightClient, openLightClient } from './light-client.js';
import type { ApiBenchStack } from './stack.js';
import { percentile } from './stats.js';

/** Fan-out to many subscribers of one API process. */
export interface FanOutResult {
  subscribers: number;
  /** Vote written → each subscriber receives the new total (all rounds). */
  endToEndP50: number;
  endToEndP99: number;
  /** First subscriber served → each subscriber served: the cost of the fan-out itself. */
  spreadP99: number;
  /** Subscribers that missed an update within 30 s (should be 0). */
  missed: number;
  /** The API's resident memory with the subscribers connected, and per subscriber over idle. */
  apiMemoryBytes: number;
  bytesPerSubscriber: number;
}

function totalOf(data: Record<string, unknown>): number {
  return ((data['candidates'] ?? []) as { votes: number }[]).reduce((sum, c) => sum + c.votes, 0);
}

/**
 * Connects `count` graphql-ws sockets with one `candidates` subscription each, waits until they all
 * show the `firstIndex` votes written before, then writes one vote per round and times its
 * arrival at every subscriber.
 */
export async function measureFanOut(
  stack: ApiBenchStack,
  count: number,
  rounds: number,
  firstIndex: number,
): Promise<FanOutResult> {
  const votesSoFar = firstIndex; // every earlier vote was of a new voter, so the total to expect
  const idleMemory = await stack.apiMemory();
  const clients: LightClient[] = [];
  const totals = new Float64Array(count).fill(-1);
  const arrivals = new Float64Array(count);
  for (let start = 0; start < count; start += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, count - start) }, (_, j) =>
        openLightClient(`${stack.apiUrl}/graphql`).then((client) => ({ client, index: start + j })),
      ),
    );
    for (const { client, index } of batch) {
      clients.push(client);
      client.subscribe('subscription { candidates { votes } }', (data, at) => {
        totals[index] = totalOf(data);
        arrivals[index] = at;
      });
    }
  }
  // every subscriber has its first state, and the pipeline has caught up with earlier runs' votes
  const deadline = Date.now() + 180_000;
  while (totals.some((total) => total < votesSoFar) && Date.now() < deadline) await delay(50);
  const apiMemoryBytes = await stack.apiMemory();
  const producer = await stack.kafka.producer();
  const endToEnd: number[] = [];
  const spread: number[] = [];
  let missed = 0;
  for (let round = 0; round < rounds; round++) {
    const target = votesSoFar + round + 1;
    const sentAt = performance.now();
    await producer.send([
      { topic: stack.votesTopic, records: [voteRecord(firstIndex + round, `fan-${firstIndex + round}`)] },
    ]);
    const roundDeadline = Date.now() + 30_000;
    while (totals.some((total) => total < target) && Date.now() < roundDeadline) await delay(20);
    const served = [...arrivals.keys()].filter((i) => totals[i]! >= target).map((i) => arrivals[i]!);
    missed += count - served.length;
    const first = Math.min(...served);
    for (const at of served) {
      endToEnd.push(at - sentAt);
      spread.push(at - first);
    }
    await delay(200);
  }
  await producer.close();
  for (const client of clients) client.close();
  await Promise.all(clients.map((client) => client.closed));
  return {
    subscribers: count,
    endToEndP50: percentile(endToEnd, 50),
    endToEndP99: percentile(endToEnd, 99),
    spreadP99: percentile(spread, 99),
    missed,
    apiMemoryBytes,
    bytesPerSubscriber: Math.max(0, (apiMemoryBytes - idleMemory) / count),
  };
}
