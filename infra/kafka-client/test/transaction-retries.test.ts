import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * Tally's kafkajs patch retries the transaction coordinator's requests (AddOffsetsToTxn, EndTxn)
 * and the group coordinator's TxnOffsetCommit on the errors a coordinator answers while it loads
 * or moves — as the Java client does. kafkajs sent EndTxn and AddOffsetsToTxn once, and its
 * TxnOffsetCommit retry never matched kafkajs's own error names: on a fresh broker the first
 * exactly-once commit failed with "The group coordinator is not available".
 *
 * The transaction manager runs here against an in-memory coordinator that fails each request a
 * given number of times (a real broker cannot be made to answer these errors on demand).
 */
const require = createRequire(import.meta.url);
type EosManager = {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topics: { topic: string; partitions: { partition: number }[] }[]): Promise<void>;
  sendOffsets(args: { consumerGroupId: string; topics: object[] }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
};
const createEosManager = require('kafkajs/src/producer/eosManager') as (args: object) => EosManager;
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): Error;
};
const { KafkaJSRequestTimeoutError } = require('kafkajs/src/errors') as {
  KafkaJSRequestTimeoutError: new (message: string) => Error;
};

const GROUP_LOAD_IN_PROGRESS = 14;
const GROUP_COORDINATOR_NOT_AVAILABLE = 15;
const NOT_COORDINATOR_FOR_GROUP = 16;
const CONCURRENT_TRANSACTIONS = 51;
const INVALID_PRODUCER_EPOCH = 47;

type Api = 'addPartitionsToTxn' | 'addOffsetsToTxn' | 'txnOffsetCommit' | 'endTxn';

/** A coordinator that answers each API's first calls with the given errors, then succeeds. */
function flakyCoordinator(failures: Partial<Record<Api, (() => Error)[]>>) {
  const calls: string[] = [];
  let lookups = 0;
  const answer = (api: Api) => async (request: { transactionResult?: boolean }) => {
    calls.push(api === 'endTxn' ? `endTxn(${request.transactionResult ? 'commit' : 'abort'})` : api);
    const failure = failures[api]?.shift();
    if (failure) throw failure();
    return {};
  };
  const broker = {
    isConnected: () => true,
    initProducerId: async () => ({ producerId: 7, producerEpoch: 0 }),
    addPartitionsToTxn: answer('addPartitionsToTxn'),
    addOffsetsToTxn: answer('addOffsetsToTxn'),
    txnOffsetCommit: answer('txnOffsetCommit'),
    endTxn: answer('endTxn'),
  };
  const cluster = {
    retry: { retries: 5, initialRetryTime: 1, maxRetryTime: 5 },
    refreshMetadataIfNecessary: async () => undefined,
    findGroupCoordinator: async () => {
      lookups++;
      return broker;
    },
  };
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const logger = { ...silent, namespace: () => silent };
  const eos = createEosManager({ logger, cluster, transactional: true, transactionalId: 'txn' });
  return { eos, calls, lookups: () => lookups };
}

async function exactlyOnceCommit(eos: EosManager) {
  await eos.initProducerId();
  eos.beginTransaction();
  await eos.addPartitionsToTransaction([{ topic: 't', partitions: [{ partition: 0 }] }]);
  await eos.sendOffsets({
    consumerGroupId: 'g',
    topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '1' }] }],
  });
  await eos.commit();
}

describe('transaction coordinator retries (patched kafkajs)', () => {
  it('commits offsets while the group coordinator is still loading or has moved', async () => {
    const { eos, calls, lookups } = flakyCoordinator({
      txnOffsetCommit: [
        () => createErrorFromCode(GROUP_COORDINATOR_NOT_AVAILABLE),
        () => createErrorFromCode(GROUP_LOAD_IN_PROGRESS),
        () => createErrorFromCode(NOT_COORDINATOR_FOR_GROUP),
      ],
    });
    await exactlyOnceCommit(eos);
    expect(calls.filter((c) => c === 'txnOffsetCommit')).toHaveLength(4);
    expect(calls.at(-1)).toBe('endTxn(commit)');
    // A coordinator that is not available or not the coordinator is looked up again.
    expect(lookups()).toBeGreaterThan(2);
  });

  it('sends EndTxn again when the coordinator moved, timed out or is still writing markers', async () => {
    const { eos, calls } = flakyCoordinator({
      endTxn: [
        () => createErrorFromCode(NOT_COORDINATOR_FOR_GROUP),
        () => new KafkaJSRequestTimeoutError('Request EndTxn timed out'),
        () => createErrorFromCode(CONCURRENT_TRANSACTIONS),
      ],
    });
    await exactlyOnceCommit(eos);
    expect(calls.filter((c) => c === 'endTxn(commit)')).toHaveLength(4);
  });

  it('sends AddOffsetsToTxn and an abort again the same way', async () => {
    const { eos, calls } = flakyCoordinator({
      addOffsetsToTxn: [() => createErrorFromCode(GROUP_COORDINATOR_NOT_AVAILABLE)],
      endTxn: [() => createErrorFromCode(NOT_COORDINATOR_FOR_GROUP)],
    });
    await eos.initProducerId();
    eos.beginTransaction();
    await eos.sendOffsets({
      consumerGroupId: 'g',
      topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '1' }] }],
    });
    await eos.abort();
    expect(calls).toEqual([
      'addOffsetsToTxn',
      'addOffsetsToTxn',
      'txnOffsetCommit',
      'endTxn(abort)',
      'endTxn(abort)',
    ]);
  });

  it('does not retry an error a retry cannot mend (a fenced producer)', async () => {
    const { eos, calls } = flakyCoordinator({ endTxn: [() => createErrorFromCode(INVALID_PRODUCER_EPOCH)] });
    await expect(exactlyOnceCommit(eos)).rejects.toThrow(/epoch/i);
    expect(calls.filter((c) => c === 'endTxn(commit)')).toHaveLength(1);
  });
});
