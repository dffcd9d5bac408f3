import { loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { voteRecord } from '../vote-fixtures.js';
import { type ApiBenchStack, startApiBenchStack } from './stack.js';
import { epochNow, mib, ms, percentile } from './stats.js';
import { openSubscribers } from './subscribers.js';

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
  /** The API's resident memory and JS heap with the subscribers connected. */
  apiMemoryBytes: number;
  apiHeapBytes: number;
  /** Resident memory per subscriber over the API's memory before they connected. */
  bytesPerSubscriber: number;
  /** The API's CPU time per delivered update (one subscriber, one change). */
  cpuMicrosPerDelivery: number;
  /** The benchmark's own CPU time (its client threads) per delivered update: what they took from the API. */
  clientCpuMicrosPerDelivery: number;
}

const QUERY = 'subscription { candidates { votes } }';

/**
 * Connects `count` graphql-ws sockets with one `candidates` subscription each (clients on worker
 * threads of this process, the API in its own), waits until they all show the `votesSoFar` votes
 * written before, then writes one vote of a new voter per round and times its arrival at every
 * subscriber.
 */
export async function measureFanOut(
  stack: ApiBenchStack,
  count: number,
  rounds: number,
  votesSoFar: number,
  firstIndex: number,
): Promise<FanOutResult> {
  const idle = await stack.apiStats();
  const threads = count >= 2_000 ? 2 : 1;
  const subscribers = await openSubscribers(`${stack.apiUrl}/graphql`, QUERY, count, threads);
  const { totals, arrivals } = subscribers;
  const allAt = (target: number) => totals.every((total) => total >= target);
  try {
    // every subscriber has its first state, and the pipeline has caught up with earlier runs' votes
    const deadline = Date.now() + 180_000;
    while (!allAt(votesSoFar) && Date.now() < deadline) await delay(50);
    await delay(1_000); // let connection set-up garbage settle before reading memory
    const loaded = await stack.apiStats();
    const producer = await stack.kafka.producer();
    const endToEnd: number[] = [];
    const spread: number[] = [];
    let missed = 0;
    let delivered = 0;
    const cpuBefore = (await stack.apiStats()).cpuSeconds;
    const clientCpu = process.cpuUsage();
    for (let round = 0; round < rounds; round++) {
      const target = votesSoFar + round + 1;
      const index = firstIndex + round;
      const sentAt = epochNow();
      await producer.send([{ topic: stack.votesTopic, records: [voteRecord(index, `fan-${index}`)] }]);
      const roundDeadline = Date.now() + 30_000;
      while (!allAt(target) && Date.now() < roundDeadline) await delay(5);
      let first = Number.POSITIVE_INFINITY;
      const served: number[] = [];
      for (let i = 0; i < count; i++) {
        if (totals[i]! < target) continue;
        served.push(arrivals[i]!);
        first = Math.min(first, arrivals[i]!);
      }
      missed += count - served.length;
      delivered += served.length;
      for (const at of served) {
        endToEnd.push(at - sentAt);
        spread.push(at - first);
      }
      await delay(300);
    }
    const clientUsage = process.cpuUsage(clientCpu);
    const cpuAfter = (await stack.apiStats()).cpuSeconds;
    await producer.close();
    return {
      subscribers: count,
      endToEndP50: percentile(endToEnd, 50),
      endToEndP99: percentile(endToEnd, 99),
      spreadP99: percentile(spread, 99),
      missed,
      apiMemoryBytes: loaded.rssBytes,
      apiHeapBytes: loaded.heapUsedBytes,
      bytesPerSubscriber: Math.max(0, (loaded.rssBytes - idle.rssBytes) / count),
      cpuMicrosPerDelivery: delivered > 0 ? ((cpuAfter - cpuBefore) * 1e6) / delivered : Number.NaN,
      clientCpuMicrosPerDelivery:
        delivered > 0 ? (clientUsage.user + clientUsage.system) / delivered : Number.NaN,
    };
  } finally {
    await subscribers.close();
  }
}

/**
 * Runs only the fan-out part of the API benchmark and prints its figures (never writes
 * docs/benchmarks.md): `KAFKA_BROKERS=… node --conditions=source --import tsx bench/src/api/fan-out.ts
 * [subscribers,…] [rounds]` (default 1000,10000 and 5). `FANOUT_API_NODE_OPTIONS` is handed to the
 * API process as NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
 */
async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS must name a running broker');
  const counts = (process.argv[2] ?? '1000,10000').split(',').map(Number);
  const rounds = Number(process.argv[3] ?? 5);
  const nodeOptions = process.env['FANOUT_API_NODE_OPTIONS'];
  const stack = await startApiBenchStack(brokers, {
    API_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
    UV_THREADPOOL_SIZE: '4',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  });
  let index = 0;
  try {
    for (const count of counts) {
      const load = loadavg()[0]!.toFixed(2);
      const r = await measureFanOut(stack, count, rounds, index, index);
      index += rounds;
      process.stdout.write(
        `fan-out ${count}: p50 ${ms(r.endToEndP50)} p99 ${ms(r.endToEndP99)} spread p99 ${ms(r.spreadP99)}` +
          ` RSS ${mib(r.apiMemoryBytes)} (${(r.bytesPerSubscriber / 1024).toFixed(1)} KiB/sub) heap ${mib(r.apiHeapBytes)}` +
          ` API CPU ${r.cpuMicrosPerDelivery.toFixed(1)} µs/delivery, clients ${r.clientCpuMicrosPerDelivery.toFixed(1)} µs` +
          ` missed ${r.missed}; load ${load} before, ${loadavg()[0]!.toFixed(2)} after\n`,
      );
    }
  } finally {
    await stack.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
