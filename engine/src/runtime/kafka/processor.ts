import type { Logger } from '@tally/common';
import type {
  KafkaAdmin,
  KafkaClient,
  KafkaProducer,
  RecordBatch,
  TopicPartitionOffset,
} from '@tally/kafka-client';
import type { BatchHandler, Processor, ProcessorOptions } from '../topic-store.js';
import { FETCH_MAX_WAIT_MS } from './fetch-wait.js';
import { type CommitWriter, GroupCommitter } from './group-commit.js';
import { groupByTopic } from './records.js';
import { latestPositions } from './start-offsets.js';

/**
 * Bytes fetched per partition and request. kafkajs decodes a whole fetch into objects that live
 * until its last record is computed: with 8 MiB fetches (≈14,000 votes) they outlived young
 * collections and the engine spent 3.7 s in garbage collection over 3 M votes (`--trace-gc`);
 * 1 MiB: 1.2 s; 256 KiB: 0.7 s, but 256 KiB doubled the election's p99 freshness at 1,000 votes/s
 * (`bench/src/api/hops.ts`, six runs: 349–1,374 ms against 243–754 ms with 8 MiB; 1 MiB: 225–376).
 */
const MAX_BYTES_PER_PARTITION = 1024 * 1024;
/** Records computed between checks of the time; the loop yields once a slice took SLICE_MS. */
const RECORDS_PER_SLICE = 256;
const SLICE_MS = 10;

/**
 * Runs a persistent query's consume → compute → produce loop on Kafka, with group commit
 * (`GroupCommitter`): computing goes on while the previous commit is in flight.
 *
 * - `exactlyOnce`: one transaction per commit holding the outputs, the changelogs and the input
 *   offsets (`sendOffsets`), read_committed input; the transactional id is derived from the
 *   (stable) consumer group, so a restarted engine fences a zombie of itself.
 * - otherwise (at_least_once): produce the outputs, then commit the offsets; a crash in between
 *   re-processes what was produced.
 *
 * A failing batch or commit commits nothing more: the processor goes to ERROR and stops consuming.
 */
export async function startProcessor(
  client: KafkaClient,
  admin: KafkaAdmin,
  logger: Logger,
  options: ProcessorOptions,
  handler: BatchHandler,
): Promise<Processor> {
  const log = logger.child({ queryId: options.queryId });
  const producer: KafkaProducer = await client.producer(
    options.exactlyOnce ? { transactionalId: `${options.groupId}-txn` } : {},
  );
  if (options.exactlyOnce) await producer.fence();
  await handler.restore?.();
  // A fused dataflow's downstream queries catching up: committed before anything is consumed. If
  // that fails, the processor is in ERROR from the start (its owner restarts it).
  try {
    const seed = await handler.seed?.();
    if (seed !== undefined)
      await new GroupCommitter(handler, seedWriter(producer, handler), () => undefined).seed(seed);
  } catch (error) {
    log.error({ err: error, during: 'seed' }, 'persistent query failed');
    await producer.close().catch(() => undefined);
    const failure = error instanceof Error ? error : new Error(String(error));
    return { state: 'ERROR', error: failure, stop: async () => undefined };
  }
  const positions =
    options.startFrom === 'latest' ? await latestPositions(admin, options.sources, options.groupId) : [];
  const consumer = client.consumer({
    groupId: options.groupId,
    fromBeginning: true,
    readCommitted: true,
    autoCommit: false,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxWaitTimeMs: FETCH_MAX_WAIT_MS,
  });
  let state: Processor['state'] = 'RUNNING';
  let failure: Error | undefined;
  let stopping: Promise<void> | undefined;

  const write: CommitWriter = async (records, offsets) => {
    if (!options.exactlyOnce) {
      await producer.send(groupByTopic(records));
      if (offsets.length > 0) await consumer.commit(offsets);
      return;
    }
    const transaction = await producer.transaction();
    try {
      const written = afterMarkers(await transaction.send(groupByTopic(records)));
      if (offsets.length > 0) await transaction.sendOffsets(options.groupId, offsets);
      for (const group of handler.groupPositions?.(written) ?? []) {
        if (group.positions.length > 0) await transaction.sendOffsets(group.groupId, group.positions);
      }
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  };

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await consumer.close().catch((error: unknown) => log.warn({ err: error }, 'consumer close failed'));
      await handling;
      if (state === 'RUNNING') await committer.drain();
      await producer.close().catch((error: unknown) => log.warn({ err: error }, 'producer close failed'));
      if (state === 'RUNNING') state = 'STOPPED';
    })();
    return stopping;
  };

  const fail = (error: Error, where: Record<string, unknown> = {}): void => {
    if (state === 'ERROR') return;
    failure = error;
    state = 'ERROR';
    log.error({ err: error, ...where }, 'persistent query failed');
    // Closing from inside a batch handler would wait for that very handler: do it afterwards.
    setImmediate(() => void stop());
  };

  const committer = new GroupCommitter(
    handler,
    write,
    (error) => fail(error, { during: 'commit' }),
    undefined,
    options.commitIntervalMs ?? 0,
  );

  // The next offset to compute per partition. Computed batches may not be committed yet: if
  // kafkajs goes back to the committed offsets (a rebalance), records below it are already in
  // the state and must not be computed again.
  const next = new Map<string, number>();
  const handle = async (batch: RecordBatch): Promise<void> => {
    const last = batch.records.at(-1);
    if (!last || state !== 'RUNNING') return;
    const partitionKey = `${batch.topic}/${batch.partition}`;
    const from = next.get(partitionKey) ?? -1;
    next.set(partitionKey, Math.max(from, last.offset + 1));
    const fresh =
      batch.records[0]!.offset >= from ? batch.records : batch.records.filter((r) => r.offset >= from);
    if (fresh.length === 0) return;
    try {
      // Computed in slices of records, yielding to the event loop every SLICE_MS: a large fetch
      // must not hold up the other queries' commits, push queries and HTTP for its whole length.
      let sliceStarted = performance.now();
      for (let at = 0; at < fresh.length; at += RECORDS_PER_SLICE) {
        const slice = fresh.slice(at, at + RECORDS_PER_SLICE);
        const outputs = handler.process(slice);
        const after = { topic: batch.topic, partition: batch.partition, offset: slice.at(-1)!.offset + 1 };
        await committer.add(outputs, after);
        if (state !== 'RUNNING') return;
        if (performance.now() - sliceStarted >= SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStarted = performance.now();
        }
      }
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)), {
        topic: batch.topic,
        partition: batch.partition,
      });
    }
  };

  // kafkajs fetches the next batch only after `eachBatch` returns. Handing the batch over and
  // returning at once lets that fetch travel while this batch is computed; at most one batch
  // waits (the next `eachBatch` first waits for the previous one to be handled).
  let handling: Promise<void> = Promise.resolve();
  await consumer.subscribe(options.sources);
  const running = consumer.run({
    eachBatch: async (batch) => {
      await handling;
      if (state !== 'RUNNING') return;
      handling = new Promise<void>((resolve) => setImmediate(resolve)).then(() => handle(batch));
    },
    // kafkajs gave up on its consumer (seen: restarted while a fresh broker's coordinator was still
    // loading): fail, so the query is restarted instead of silently consuming nothing.
    onFatal: (error) => {
      if (state === 'RUNNING') fail(error, { during: 'consume' });
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

/** Writes a seed commit (no input offsets): its records and the handler's other groups' positions. */
function seedWriter(producer: KafkaProducer, handler: BatchHandler): CommitWriter {
  return async (records) => {
    const transaction = await producer.transaction();
    try {
      const written = afterMarkers(await transaction.send(groupByTopic(records)));
      for (const group of handler.groupPositions?.(written) ?? []) {
        if (group.positions.length > 0) await transaction.sendOffsets(group.groupId, group.positions);
      }
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  };
}

/**
 * Where a reader of the transaction's records is once it committed: the commit marker takes the
 * offset after the last record of each partition (no other writer can come between: a fused topic
 * has one writer), and a consumer's position skips it, as Kafka Streams' committed offsets do.
 */
function afterMarkers(written: TopicPartitionOffset[]): TopicPartitionOffset[] {
  return written.map((w) => ({ ...w, offset: w.offset + 1 }));
}
