import { eventually, testKafka, uniqueName } from '@tally/testkit';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { describe, expect, it } from 'vitest';

/**
 * A kafkajs consumer that crashed for good (kafkajs does not restart it) consumes nothing more;
 * `onFatal` is how its owner learns it (the engine then restarts the query instead of hanging).
 */
describe('consumer that kafkajs gives up on', () => {
  it('reports the crash through onFatal', async () => {
    const kafka = testKafka('fatal');
    const admin = await kafka.admin();
    const topic = uniqueName('fatal');
    await admin.createTopics([{ topic, partitions: 1 }]);
    const producer = await kafka.producer();
    await producer.send([{ topic, records: [{ key: 'k', value: 'v' }] }]);
    await producer.close();

    const consumer = kafka.consumer({ groupId: uniqueName('fatal_group'), fromBeginning: true });
    const fatal: Error[] = [];
    await consumer.subscribe([topic]);
    await consumer.run({
      eachBatch: async () => {
        throw new KafkaJSNonRetriableError('cannot go on');
      },
      onFatal: (error) => fatal.push(error),
    });
    await eventually(() =>
      expect(fatal.map((e) => e.message)).toEqual([expect.stringContaining('cannot go on')]),
    );
    await consumer.close();
    await admin.close();
  });
});
