import type { Logger } from '@tally/common';
import type { KafkaAdmin, KafkaClient, KafkaProducer, RecordBatch } from '@tally/kafka-client';
import type { ProcessBatch, Processor, ProcessorOptions } from '../topic-store.js';
import { groupByTopic, toConsumedRecord } from './records.js';
import { latestPositions } from './start-offsets.js';

/**
 * Runs a persistent query's consume → compute → produce loop on Kafka.
 *
 * - `exactlyOnce`: one transaction per batch holding the outputs and the batch's input offsets
 *   (`sendOffsets`), read_committed input; the transactional id is derived from the (stable)
 *   consumer group, so a restarted engine fences a zombie of itself.
 * - otherwise (at_least_once): produce the outputs, then commit the offsets; a crash in between
 *   re-processes the batch.
 *
 * A failing batch commits nothing: the processor goes to ERROR and stops consuming.
 */
export async function startProcessor(
  client: KafkaClient,
  admin: KafkaAdmin,
  logger: Logger,
  options: ProcessorOptions,
  process: ProcessBatch,
): Promise<Processor> {
  const log = logger.child({ queryId: options.queryId });
  const producer: KafkaProducer = await client.producer(
    options.exactlyOnce ? { transactionalId: `${options.groupId}-txn` } : {},
  );
  const positions =
    options.startFrom === 'latest' ? await latestPositions(admin, options.sources, options.groupId) : [];
  const consumer = client.consumer({
    groupId: options.groupId,
    fromBeginning: true,
    readCommitted: true,
    autoCommit: false,
  });
  let state: Processor['state'] = 'RUNNING';
  let failure: Error | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await consumer.close().catch((error: unknown) => log.warn({ err: error }, 'consumer close failed'));
      await producer.close().catch((error: unknown) => log.warn({ err: error }, 'producer close failed'));
      if (state === 'RUNNING') state = 'STOPPED';
    })();
    return stopping;
  };

  const handle = async (batch: RecordBatch): Promise<void> => {
    const last = batch.records.at(-1);
    if (!last) return;
    const outputs = await process(batch.records.map(toConsumedRecord));
    const offsets = [{ topic: batch.topic, partition: batch.partition, offset: last.offset + 1 }];
    if (!options.exactlyOnce) {
      await producer.send(groupByTopic(outputs));
      await consumer.commit(offsets);
      return;
    }
    const transaction = await producer.transaction();
    try {
      await transaction.send(groupByTopic(outputs));
      await transaction.sendOffsets(options.groupId, offsets);
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  };

  await consumer.subscribe(options.sources);
  const running = consumer.run({
    eachBatch: async (batch) => {
      if (state !== 'RUNNING') return;
      try {
        await handle(batch);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        state = 'ERROR';
        log.error(
          { err: failure, topic: batch.topic, partition: batch.partition },
          'persistent query failed',
        );
        // Closing from inside the handler would wait for this very handler: do it afterwards.
        setImmediate(() => void stop());
      }
    },
  });
  for (const position of positions) consumer.seek(position);
  await running;
  return {
    get state() {
      return state;
    },
    get error() {
      return failure;
    },
    stop,
  };
}
