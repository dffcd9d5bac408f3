import { randomUUID } from 'node:crypto';
import type { Logger } from '@tally/common';
import type { KafkaAdmin, KafkaClient } from '@tally/kafka-client';
import type { ConsumedRecord, StartPosition, Tail } from '../topic-store.js';
import { FETCH_MAX_WAIT_MS } from './fetch-wait.js';
import { latestPositions } from './start-offsets.js';

/**
 * A transient reader for push queries: a throw-away consumer group that never commits and is
 * deleted on close. `onRecords` is awaited before the next batch, so a slow client slows the
 * reader (kafkajs holds at most one fetch) rather than growing a buffer. When `onRecords` throws
 * or kafkajs gives up on the consumer, `onFailed` hears it once and nothing more is delivered
 * (kafkajs would otherwise retry the failing batch, or leave the reader silent).
 */
export async function startTail(
  client: KafkaClient,
  admin: KafkaAdmin,
  logger: Logger,
  topics: string[],
  from: StartPosition,
  onRecords: (records: ConsumedRecord[]) => Promise<void>,
  onFailed: (error: Error) => void = (error) =>
    logger.warn({ err: error, topics }, 'push query reader failed'),
): Promise<Tail> {
  const groupId = `_tally-transient-${randomUUID()}`;
  const positions = from === 'latest' ? await latestPositions(admin, topics) : [];
  const consumer = client.consumer({
    groupId,
    fromBeginning: true,
    readCommitted: true,
    autoCommit: false,
    maxWaitTimeMs: FETCH_MAX_WAIT_MS,
  });
  let closed = false;
  let failed = false;
  const fail = (error: unknown): void => {
    if (closed || failed) return;
    failed = true;
    onFailed(error instanceof Error ? error : new Error(String(error)));
  };
  await consumer.subscribe(topics);
  const running = consumer.run({
    eachBatch: async (batch, context) => {
      if (closed || failed || !context.isRunning() || batch.records.length === 0) return;
      await onRecords(batch.records).catch(fail);
    },
    onFatal: fail,
  });
  // The consumer group exists as soon as run() was called: pin the start before the first fetch.
  for (const position of positions) consumer.seek(position);
  await running;
  await consumer.assignment();
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      await consumer.close();
      await admin.deleteGroups([groupId]).catch((error: unknown) => {
        logger.debug({ err: error, groupId }, 'could not delete a transient consumer group');
      });
    },
  };
}
