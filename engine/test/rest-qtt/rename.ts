import type { QttCase } from '../qtt/cases.js';

/**
 * Gives a case's topics names unique to this run (the broker is shared and keeps topics between
 * runs): every topic named by `topics`, `inputs`, `outputs` or a `KAFKA_TOPIC` property gets
 * `prefix`; sinks without KAFKA_TOPIC get it from the engine's `ksql.output.topic.name.prefix`.
 */
export function renameTopics(test: QttCase, prefix: string): QttCase {
  const rename = (name: string) => `${prefix}${name}`;
  return {
    ...test,
    statements: test.statements.map((s) =>
      s.replace(
        /(KAFKA_TOPIC\s*=\s*)'([^']*)'/gi,
        (_all, head: string, name: string) => `${head}'${rename(name)}'`,
      ),
    ),
    ...(test.topics ? { topics: test.topics.map((t) => ({ ...t, name: rename(t.name) })) } : {}),
    ...(test.inputs ? { inputs: test.inputs.map((r) => ({ ...r, topic: rename(r.topic) })) } : {}),
    ...(test.outputs ? { outputs: test.outputs.map((r) => ({ ...r, topic: rename(r.topic) })) } : {}),
  };
}

/** Takes the run's prefix out of what the server said, so expectations written for `x` match. */
export function unrename(text: string, prefix: string): string {
  return text.replaceAll(prefix, '');
}
