import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import { createKafkaClient, type KafkaAdmin } from '@tally/kafka-client';
import pg from 'pg';
import { repoRoot } from './paths.js';

/** What `npm start -- --reset` wipes, before the engine starts, so that a new election starts everywhere. */
export interface ResetTarget {
  kafkaBrokers: string;
  /**
   * True when the broker is `npm start`'s own (in the state folder): every topic and group on it
   * belongs to the election. On a shared cluster only the election's own names are deleted.
   */
  ownBroker: boolean;
  /** The engine's KSQL_SERVICE_ID: its command topic, changelogs and groups carry it. */
  serviceId: string;
  /** The embedded engine's ENGINE_STATE_DIR (its state snapshots). */
  engineStateDir: string;
  databaseUrl: string;
  logger: Logger;
  /** How long Kafka may take to forget the deleted topics (default 60 s). */
  timeoutMs?: number;
}

/** Topics the producers write (their defaults: `npm start` sets none of their topic variables). */
const producerTopics = ['candidates_topic', 'voters_topic', 'votes_topic', 'voters_dlq'];
/** The vote producer's consumer group (its default). */
const producerGroups = ['tally-vote'];

/**
 * Wipes the previous election: PostgreSQL's rows, the engine's state snapshots, and every Kafka
 * topic and consumer group of the election — the producers' topics, the engine's command topic,
 * changelogs, processing log and migration metadata, and the live tables' sink topics. The engine
 * must not be running: it would otherwise keep (and write back) the old election's state.
 */
export async function resetElection(target: ResetTarget): Promise<void> {
  const { logger } = target;
  const db = new pg.Client({ connectionString: target.databaseUrl });
  await db.connect();
  try {
    await db.query('TRUNCATE votes, voters, candidates');
  } finally {
    await db.end();
  }
  rmSync(target.engineStateDir, { recursive: true, force: true });

  const kafka = createKafkaClient({ brokers: target.kafkaBrokers, clientId: 'tally-reset' });
  const admin = await kafka.admin();
  try {
    const groups = (await admin.listGroups()).filter((g) => target.ownBroker || isElectionGroup(g, target));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const sinks = new Set(sinkTopics());
    const topics = (await admin.listTopics()).filter((topic) =>
      target.ownBroker ? !topic.startsWith('__') : isElectionTopic(topic, target, sinks),
    );
    if (topics.length > 0) await admin.deleteTopics(topics);
    await waitUntilGone(admin, topics, target.timeoutMs ?? 60_000);
    logger.info(
      { topics: topics.length, groups: groups.length, engineStateDir: target.engineStateDir },
      'reset: previous election wiped (PostgreSQL rows, Kafka topics and groups, engine state)',
    );
  } finally {
    await admin.close();
  }
}

function isElectionGroup(group: string, target: ResetTarget): boolean {
  return group.startsWith(`_confluent-ksql-${target.serviceId}`) || producerGroups.includes(group);
}

function isElectionTopic(topic: string, target: ResetTarget, sinks: Set<string>): boolean {
  return (
    producerTopics.includes(topic) ||
    sinks.has(topic) ||
    topic.startsWith(`_confluent-ksql-${target.serviceId}`) ||
    topic.startsWith(`${target.serviceId}ksql_`)
  );
}

/** The KAFKA_TOPIC of every stream and table the election's ksql migrations create. */
export function sinkTopics(dir = join(repoRoot, 'ksql')): string[] {
  const defines = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'ksql-migrations.properties'), 'utf8').split('\n')) {
    const match = /^tally\.define\.(\w+)=(.*)$/.exec(line.trim());
    if (match) defines.set(match[1]!, match[2]!);
  }
  const topics = new Set<string>();
  for (const file of readdirSync(join(dir, 'migrations')).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(join(dir, 'migrations', file), 'utf8');
    for (const match of sql.matchAll(/KAFKA_TOPIC\s*=\s*'([^']+)'/gi)) {
      topics.add(match[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => defines.get(name) ?? ''));
    }
  }
  return [...topics].sort();
}

/** Kafka deletes topics asynchronously: wait until it has forgotten them, or they would be reused. */
async function waitUntilGone(admin: KafkaAdmin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = new Set(await admin.listTopics());
    const left = topics.filter((topic) => listed.has(topic));
    if (left.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`reset: Kafka still lists ${left.join(', ')} ${timeoutMs} ms after deleting them`);
    await delay(200);
  }
}
