/**
 * The engine benchmark's ceiling, in a process of its own like the engine's (a clean heap, no
 * state left by other benchmarks): one kafkajs consumer reads and JSON-parses a whole topic.
 * `node --conditions=source --import tsx bench/src/engine/bare-consumer.ts <topic> <count>` with
 * KAFKA_BROKERS; prints `{"ms":…,"cpuMs":…}` of the timed pass, after an untimed warm-up pass
 * over the first 200,000 records (cold, it reads 30–40% slower).
 */
import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClient } from '@tally/kafka-client';
import { ownCpuMs } from '../producers/cpu.js';

/** Wall and CPU milliseconds of one measured run. */
export interface Timing {
  ms: number;
  cpuMs: number;
}

async function readAll(kafka: KafkaClient, topic: string, count: number): Promise<Timing> {
  const consumer = kafka.consumer({
    groupId: `bench-bare-${randomUUID()}`,
    fromBeginning: true,
    maxBytes: 16 * 2 ** 20,
  });
  const start = performance.now();
  const cpuStart = ownCpuMs();
  let seen = 0;
  await consumer.subscribe([topic]);
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async (batch) => {
          for (const record of batch.records) JSON.parse(record.value!.toString());
          seen += batch.records.length;
          if (seen >= count) resolve();
        },
      })
      .catch(reject);
  });
  const timing = { ms: performance.now() - start, cpuMs: ownCpuMs() - cpuStart };
  await consumer.close();
  return timing;
}

const [topic, countText] = process.argv.slice(2);
const brokers = process.env['KAFKA_BROKERS'];
if (!topic || !countText || !brokers)
  throw new Error('usage: KAFKA_BROKERS=… bare-consumer.ts <topic> <count>');
const count = Number(countText);
const kafka = createKafkaClient({ brokers, clientId: 'bench-bare' });
await readAll(kafka, topic, Math.min(count, 200_000));
process.stdout.write(`${JSON.stringify(await readAll(kafka, topic, count))}\n`);
process.exit(0);
