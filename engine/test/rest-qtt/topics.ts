import { declaredTopics, type QttCase } from '../qtt/cases.js';

/**
 * Partitions of a topic the case does not size itself. ksqlDB's REST harness creates such topics
 * with 4 partitions: `push-queries.json` expects ROWPARTITION 2 for key "x", which is murmur2("x")
 * mod 4.
 */
export const DEFAULT_REST_PARTITIONS = 4;

/**
 * The topics a REST case needs before it runs (README step 4): its `topics`, every KAFKA_TOPIC of
 * a CREATE STREAM/TABLE without AS SELECT (with its PARTITIONS), and every input topic.
 */
export function caseTopics(test: QttCase, defaultPartitions = DEFAULT_REST_PARTITIONS): Map<string, number> {
  return declaredTopics(test, defaultPartitions);
}
