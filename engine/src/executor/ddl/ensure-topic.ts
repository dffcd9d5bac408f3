/**
 * The topic a CREATE writes to or reads from: an existing one must have the partitions asked for
 * (except during replay); a missing one is created when PARTITIONS is given. In the sandbox the
 * topic is only remembered, so later statements of the request see it.
 */
import { KsqlTypeError } from '../../analyzer/index.js';
import type { ExecContext } from '../context.js';
import type { EngineCore } from '../engine-core.js';

/** What the statement asks of its topic. */
export interface TopicRequest {
  topic: string;
  partitions: number | undefined;
  replicas: number | undefined;
  sourceType: 'STREAM' | 'TABLE';
  /** The statement (quoted in the "please re-run with PARTITIONS" hint). */
  text: string;
  config: Record<string, string> | undefined;
}

/** Checks the topic exists as asked, or creates it; throws ksqlDB's errors otherwise. */
export async function ensureTopic(core: EngineCore, ctx: ExecContext, r: TopicRequest): Promise<void> {
  const { topic, partitions, replicas, config } = r;
  const existing = ctx.pendingTopics.has(topic)
    ? { partitions: partitions ?? 1 }
    : await core.store.describeTopic(topic);
  if (existing !== undefined) {
    if (partitions !== undefined && existing.partitions !== partitions && ctx.replay === undefined) {
      throw new KsqlTypeError(
        `A Kafka topic with the name '${topic}' already exists, with different partition/replica configuration than required by KSQL.\nKSQL requires ${partitions} partitions (topic has ${existing.partitions}).`,
      );
    }
    return;
  }
  if (partitions === undefined) {
    throw new KsqlTypeError(
      `Topic '${topic}' does not exist. If you want to create a new topic for the ${r.sourceType.toLowerCase()} please re-run the statement providing the required 'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For example: ${r.text.replace(/;\s*$/, '')} WITH (KAFKA_TOPIC='${topic}', PARTITIONS=2, REPLICAS=1);`,
    );
  }
  if (ctx.sandbox) {
    ctx.pendingTopics.add(topic);
    return;
  }
  await core.store.createTopic(
    config === undefined
      ? { name: topic, partitions, replicas: replicas ?? 1 }
      : { name: topic, partitions, replicas: replicas ?? 1, config },
  );
}
