/**
 * The engine a QTT case runs on, set up as ksqlDB's TestExecutor sets it up: a fresh engine on an
 * in-memory log, the case's properties over `auto.offset.reset=earliest` (no processing log), its
 * topics created before the first statement.
 */
import { createLogger } from '@tally/common';
import { isLosslessNumber } from 'lossless-json';
import type { DataSource } from '../../src/analyzer/index.js';
import { createEngineCore, type EngineCore } from '../../src/executor/index.js';
import type { MemoryTopicStore } from '../../src/runtime/index.js';
import { declaredTopics, type QttCase } from './cases.js';
import { str } from './records.js';

const logger = createLogger('qtt', { level: 'silent' });

/** A case's engine and the properties its requests carry. */
export interface CaseEngine {
  core: EngineCore;
  props: Record<string, string>;
}

/** The engine for `test` on `store` (not started). */
export function createCaseEngine(test: QttCase, store: MemoryTopicStore): CaseEngine {
  const props: Record<string, string> = {};
  for (const [k, v] of Object.entries(test.properties ?? {}))
    props[k] = isLosslessNumber(v) ? str(v) : String(v);
  const core = createEngineCore({
    store,
    serviceId: 'some.ksql.service.id',
    logger,
    config: {
      'ksql.streams.auto.offset.reset': 'earliest',
      'ksql.logging.processing.topic.auto.create': 'false',
      ...props,
    },
  });
  return { core, props };
}

/** Starts the engine, then creates the case's topics; answers their partition counts. */
export async function startCaseEngine(
  core: EngineCore,
  store: MemoryTopicStore,
  test: QttCase,
  defaultPartitions = 1,
): Promise<Map<string, number>> {
  await core.start();
  const topics = topicsOf(test, defaultPartitions);
  for (const [name, partitions] of topics) await store.createTopic({ name, partitions, replicas: 1 });
  return topics;
}

/** The topics a case needs (`defaultPartitions` unless sized), output topics included. */
export function topicsOf(test: QttCase, defaultPartitions = 1): Map<string, number> {
  const topics = declaredTopics(test, defaultPartitions);
  for (const r of test.outputs ?? []) if (!topics.has(r.topic)) topics.set(r.topic, 1);
  return topics;
}

/** The stream or table on `topic` (with `preferSink`, the one a query writes). */
export function sourceFor(core: EngineCore, topic: string, preferSink: boolean): DataSource | undefined {
  const all = [...core.meta.sources.values()].filter((s) => s.topic === topic);
  if (preferSink) {
    const sink = all.find((s) => core.meta.writersOf(s.name).length > 0);
    if (sink !== undefined) return sink;
  }
  return all[0];
}
