import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { KafkaConsumer } from '@tally/kafka-client';
import { latencies, watchEngine } from './freshness.js';
import { openLightClient, totalOf } from './light-client.js';
import { type ApiBenchStack, startApiBenchStack } from './stack.js';
import { epochNow, ms, percentile } from './stats.js';
import { startPacedVotes } from './vote-pacer.js';

/** A total (or count) seen at one point of the pipeline, and when. */
interface Seen {
  total: number;
  at: number;
}

/**
 * A read_committed observer of one of the pipeline's topics: `count` counts records (BALLOTS: one
 * per new voter), `sum` sums the latest VOTES per key (VOTES_PER_CANDIDATE's changelog).
 */
async function observe(stack: ApiBenchStack, topic: string, mode: 'count' | 'sum') {
  const consumer: KafkaConsumer = stack.kafka.consumer({
    groupId: `tally-hops-${topic}-${Date.now()}`,
    fromBeginning: false,
    readCommitted: true,
    autoCommit: false,
    maxWaitTimeMs: 20,
  });
  await consumer.subscribe([topic]);
  const seen: Seen[] = [];
  const votes = new Map<string, number>();
  let count = 0;
  await consumer.run({
    eachBatch: async (batch) => {
      const at = epochNow();
      if (mode === 'count') count += batch.records.length;
      else {
        for (const r of batch.records)
          if (r.value) votes.set(String(r.key), (JSON.parse(String(r.value)) as { VOTES: number }).VOTES);
        count = [...votes.values()].reduce((a, b) => a + b, 0);
      }
      seen.push({ total: count, at });
    },
  });
  await consumer.assignment();
  return { seen, close: () => consumer.close() };
}

/**
 * Where freshness goes, hop by hop: votes at `rate` per second for `seconds`, and the time each
 * vote takes to be committed in BALLOTS (first persistent query), committed in
 * VOTES_PER_CANDIDATE (second one), read by a push query on the engine, and received by a
 * graphql-ws subscriber of the API. A diagnostic (`node --conditions=source --import tsx
 * bench/src/api/hops.ts [rate] [seconds]`, KAFKA_BROKERS required): its observers add load.
 */
export async function measureHops(stack: ApiBenchStack, rate: number, seconds: number) {
  const prefix = stack.votesTopic.replace(/_votes$/, '');
  const ballots = await observe(stack, `${prefix}_BALLOTS`, 'count');
  const perCandidate = await observe(stack, `${prefix}_VOTES_PER_CANDIDATE`, 'sum');
  const engine = await watchEngine(stack.engine.url);
  const client = await openLightClient(`${stack.apiUrl}/graphql`);
  const api: Seen[] = [];
  client.subscribe('subscription { candidates { votes } }', (data, at) =>
    api.push({ total: totalOf(data), at }),
  );
  while (api.length === 0) await delay(20);
  const baseline = api[0]!.total;
  const paced = startPacedVotes({
    brokers: stack.kafka.brokers.join(','),
    topic: stack.votesTopic,
    rate,
    seconds,
    firstIndex: baseline,
    voterPrefix: 'hops',
  });
  const done = await paced.done;
  const deadline = Date.now() + 300_000;
  while ((api.at(-1)?.total ?? 0) < baseline + done.acked && Date.now() < deadline) await delay(50);
  client.close();
  await engine.close();
  await ballots.close();
  await perCandidate.close();
  const hops: [string, Seen[], number][] = [
    ['BALLOTS committed (1st persistent query)', ballots.seen, 0],
    ['VOTES_PER_CANDIDATE committed (2nd)', perCandidate.seen, engine.baseline],
    ['engine push query row', engine.seen, engine.baseline],
    ['API graphql-ws subscriber', api, baseline],
  ];
  return hops.map(([hop, seen, base]) => {
    const { latencies: values } = latencies(paced.sentAt, done.sent, base, seen);
    return { hop, p50: percentile(values, 50), p99: percentile(values, 99) };
  });
}

async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is required');
  const rate = Number(process.argv[2] ?? 1_000);
  const seconds = Number(process.argv[3] ?? 10);
  const stack = await startApiBenchStack(brokers);
  try {
    const hops = await measureHops(stack, rate, seconds);
    process.stdout.write(`vote → hop at ${rate} votes/s for ${seconds} s (p50 / p99)\n`);
    for (const { hop, p50, p99 } of hops)
      process.stdout.write(`  ${hop.padEnd(42)} ${ms(p50)} / ${ms(p99)}\n`);
  } finally {
    await stack.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
