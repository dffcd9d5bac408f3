/**
 * What the chaos test prints while it waits and when it fails: each persistent query's counters
 * (from `/metrics`) and its consumer group's committed offset against the end of its input topic,
 * so a lost record, a double count and a stuck query can be told apart.
 */
import type { TestEngine } from '@tally/testkit';
import { testKafka } from '@tally/testkit';
import { call, type Dispatcher } from '../integration/http-client.js';

/** Per query: records in/out, errors, restarts, state; and its group's position on its input topic. */
export async function queryProgress(
  http: Dispatcher,
  engine: TestEngine,
  /** Query id → the topic it reads. */
  inputs: Record<string, string>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const metrics = await call(http, 'GET', '/metrics').catch(() => undefined);
  for (const line of metrics?.text.split('\n') ?? []) {
    const m = /^tally_engine_query_(\w+)\{query_id="([^"]+)"(?:,state="(\w+)")?\} (\S+)$/.exec(line);
    if (m === null) continue;
    const [, name, id, state, value] = m;
    out[id!] = `${out[id!] ?? ''} ${name}=${state ?? value}`;
  }
  const admin = await testKafka('chaos-diagnostics').admin();
  try {
    for (const [id, topic] of Object.entries(inputs)) {
      const end = (await admin.topicOffsets(topic)).reduce((s, o) => s + o.high, 0);
      const group = `_confluent-ksql-${engine.serviceId}query_${id}`;
      const committed = await admin.committedOffsets(group, [topic]).catch(() => []);
      const at = committed.reduce((s, o) => s + Math.max(0, o.offset), 0);
      if (committed.length > 0) out[id] = `${out[id] ?? ''} committed=${at}/${end}`;
    }
  } finally {
    await admin.close();
  }
  return out;
}
