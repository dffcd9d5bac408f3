import { setTimeout as delay } from 'node:timers/promises';
import { createKsqlClient } from '@tally/ksql';
import { openLightClient, totalOf } from './light-client.js';
import type { ApiBenchStack } from './stack.js';
import { epochNow, percentile } from './stats.js';
import { startPacedVotes } from './vote-pacer.js';

/** Freshness at one vote rate: time from writing a vote to `votes_topic` to a subscriber seeing it. */
export interface FreshnessResult {
  targetRate: number;
  /** Votes acknowledged by Kafka per second, over the time from the first hand-over to the last ack. */
  achievedRate: number;
  votes: number;
  /** Votes whose new total reached the API subscriber. */
  delivered: number;
  /** Vote handed to the producer → the API's graphql-ws subscriber has a total that includes it. */
  p50: number;
  p99: number;
  max: number;
  /** The same, to a push query read straight from the engine (the API's share is the difference). */
  engineP50: number;
  engineP99: number;
  /**
   * Votes the election's queries counted per second, from the first vote handed over to the engine
   * showing the last: the rate produced while the pipeline keeps up, its ceiling when it does not.
   */
  countedRate: number;
}

/** A total seen by an observer, and when. */
interface Seen {
  total: number;
  at: number;
}

/**
 * Each vote's latency: the first `seen` total that includes it (the `i`-th vote of the run is in
 * every total ≥ baseline + i + 1, since votes of new voters are produced in order to one
 * partition) minus its hand-over time. The first `warmUp` fraction is dropped.
 */
export function latencies(sentAt: Float64Array, count: number, baseline: number, seen: Seen[], warmUp = 0.1) {
  const out: number[] = [];
  let next = 0;
  for (const { total, at } of seen) {
    const upTo = Math.min(total - baseline, count);
    for (; next < upTo; next++) if (next >= count * warmUp) out.push(at - sentAt[next]!);
  }
  return { latencies: out, delivered: next };
}

/**
 * Writes votes of new voters at `rate` per second for `seconds` from a worker thread (one kafkajs
 * producer, batches every 10 ms) while one graphql-ws subscriber of `candidates` on the API, and
 * one push query straight on the engine, watch the totals.
 */
export async function measureFreshness(
  stack: ApiBenchStack,
  rate: number,
  seconds: number,
  firstIndex: number,
): Promise<FreshnessResult> {
  const client = await openLightClient(`${stack.apiUrl}/graphql`);
  const apiSeen: Seen[] = [];
  client.subscribe('subscription { candidates { votes } }', (data, at) =>
    apiSeen.push({ total: totalOf(data), at }),
  );
  const engineSeen = await watchEngine(stack.engine.url);
  while (apiSeen.length === 0) await delay(20);
  const baseline = apiSeen[0]!.total;
  const paced = startPacedVotes({
    brokers: stack.kafka.brokers.join(','),
    topic: stack.votesTopic,
    rate,
    seconds,
    firstIndex,
    voterPrefix: 'fresh',
  });
  const done = await paced.done;
  const deadline = Date.now() + 300_000; // a backlog at 10,000 votes/s takes the engine minutes
  while ((apiSeen.at(-1)?.total ?? 0) < baseline + done.acked && Date.now() < deadline) await delay(50);
  await delay(200); // the engine observer is at least as quick; let a last row land
  client.close();
  await engineSeen.close();
  const api = latencies(paced.sentAt, done.sent, baseline, apiSeen);
  const engine = latencies(paced.sentAt, done.sent, engineSeen.baseline, engineSeen.seen);
  const lastCounted = engineSeen.seen.find((s) => s.total >= engineSeen.baseline + engine.delivered);
  const countedMs = lastCounted ? lastCounted.at - paced.sentAt[0]! : Number.NaN;
  return {
    targetRate: rate,
    achievedRate: Math.round((done.acked * 1000) / done.ackedMs),
    votes: done.sent,
    delivered: api.delivered,
    p50: percentile(api.latencies, 50),
    p99: percentile(api.latencies, 99),
    max: percentile(api.latencies, 100),
    engineP50: percentile(engine.latencies, 50),
    engineP99: percentile(engine.latencies, 99),
    countedRate: Math.round((engine.delivered * 1000) / countedMs),
  };
}

/** A push query on VOTES_PER_CANDIDATE straight on the engine, its state first read by a pull query. */
export async function watchEngine(url: string) {
  const ksql = createKsqlClient({ url });
  const push = await ksql.push('SELECT * FROM VOTES_PER_CANDIDATE EMIT CHANGES;', {
    format: 'v1',
    properties: { 'auto.offset.reset': 'latest' },
  });
  const votes = new Map<string, number>();
  const snapshot = await ksql.pull('SELECT CANDIDATE_ID, VOTES FROM VOTES_PER_CANDIDATE;');
  for (const [id, count] of snapshot.rows) votes.set(String(id), Number(count));
  const sum = () => [...votes.values()].reduce((a, b) => a + b, 0);
  const baseline = sum();
  const names = push.header.columns.map((column) => column.name.toUpperCase());
  const idAt = names.indexOf('CANDIDATE_ID');
  const votesAt = names.indexOf('VOTES');
  const seen: Seen[] = [];
  const reading = (async () => {
    for await (const row of push) {
      if (row.tombstone) continue;
      votes.set(String(row.values[idAt]), Number(row.values[votesAt]));
      seen.push({ total: sum(), at: epochNow() });
    }
  })().catch(() => undefined);
  return {
    baseline,
    seen,
    close: async () => {
      await push.close();
      await reading;
      await ksql.close();
    },
  };
}
