import { setTimeout as delay } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createKafkaClient } from '@tally/kafka-client';
import { voteRecord } from '../vote-fixtures.js';
import { epochNow } from './stats.js';
import type { PacerDone, PacerParams } from './vote-pacer.js';

/**
 * The paced vote producer's thread: votes of new voters, `rate` per second for `seconds`, handed
 * to one idempotent kafkajs producer every `tickMs` (several requests in flight, order kept). Each
 * vote's hand-over time goes into the shared `sentAt` array.
 */
async function run(params: PacerParams): Promise<PacerDone> {
  const sentAt = new Float64Array(params.sentAt);
  const kafka = createKafkaClient({ brokers: params.brokers, clientId: 'tally-api-bench-votes' });
  const producer = await kafka.producer();
  const capacity = sentAt.length;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let acked = 0;
  let lastAckAt = 0;
  const started = epochNow();
  while (epochNow() - started < params.seconds * 1000 && sent < capacity) {
    const due = Math.min(capacity, Math.floor(((epochNow() - started) / 1000) * params.rate));
    if (due > sent) {
      const records = [];
      const at = epochNow();
      for (let i = sent; i < due; i++) {
        const index = params.firstIndex + i;
        records.push(voteRecord(index, `${params.voterPrefix}-${index}`));
        sentAt[i] = at;
      }
      const count = due - sent;
      sent = due;
      const send = producer
        .send([{ topic: params.topic, records }])
        .then(() => {
          acked += count;
          lastAckAt = epochNow();
        })
        .finally(() => inFlight.delete(send));
      inFlight.add(send);
      // more than this in flight means the producer cannot keep up: wait instead of queueing more
      while (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await delay(params.tickMs);
  }
  const handedOverMs = epochNow() - started;
  await Promise.all(inFlight);
  await producer.close();
  return {
    kind: 'done',
    sent,
    acked,
    handedOverMs,
    ackedMs: (lastAckAt || epochNow()) - started,
  };
}

run(workerData as PacerParams).then(
  (done) => parentPort?.postMessage(done),
  (error: unknown) => parentPort?.postMessage({ kind: 'error', error: String(error) }),
);
