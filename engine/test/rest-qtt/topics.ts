import type { QttCase } from '../qtt/cases.js';

/**
 * Partitions of a topic the case does not size itself. ksqlDB's REST harness creates such topics
 * with 4 partitions: `push-queries.json` expects ROWPARTITION 2 for key "x", which is murmur2("x")
 * mod 4.
 */
export const DEFAULT_REST_PARTITIONS = 4;

/**
 * The topics a REST case needs before it runs (README step 4): its `topics`, every KAFKA_TOPIC of
 * a CREATE STREAM/TABLE without AS SELECT (with its PARTITIONS), and every input/output topic.
 */
export function caseTopics(test: QttCase, defaultPartitions = DEFAULT_REST_PARTITIONS): Map<string, number> {
  const topics = new Map<string, number>();
  for (const t of test.topics ?? []) topics.set(t.name, Number(t.partitions ?? defaultPartitions));
  for (const statement of test.statements) {
    const named = /KAFKA_TOPIC\s*=\s*'([^']+)'/i.exec(statement);
    if (named === null || /\bAS\s+SELECT\b/i.test(statement)) continue;
    const partitions = /PARTITIONS\s*=\s*(\d+)/i.exec(statement);
    if (!topics.has(named[1]!)) topics.set(named[1]!, partitions ? Number(partitions[1]) : defaultPartitions);
  }
  for (const record of test.inputs ?? [])
    if (!topics.has(record.topic)) topics.set(record.topic, defaultPartitions);
  return topics;
}
