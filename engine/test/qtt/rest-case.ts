/**
 * Runs one REST QTT case (`rest-query-validation-tests`) against the engine in-process (the same
 * `KsqlEngine` calls the REST layer makes), rendering query results in the v1 `/query` shape, to
 * check what the REST conformance needs from the engine. The HTTP-level runner lives with the
 * server.
 */
import { parse } from 'lossless-json';
import { KsqlError } from '../../src/errors.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';
import { compareQuery, partial } from '../rest-qtt/compare.js';
import type { RestCase } from '../rest-qtt/run-rest-case.js';
import { createCaseEngine, sourceFor, startCaseEngine } from './case-engine.js';
import { compareRecords, encodeInput, outputsByTopic, str } from './records.js';
import type { CaseResult } from './run-case.js';

/** Runs one REST case in-process; never throws (a crash is a failed case). */
export async function runRestCase(test: RestCase): Promise<CaseResult> {
  const store = new MemoryTopicStore();
  const { core, props } = createCaseEngine(test, store);
  const expectErr = test.expectedError;
  const checkError = (e: unknown): CaseResult => {
    if (expectErr === undefined)
      return { ok: false, reason: `unexpected error: ${(e as Error).message.split('\n')[0]}` };
    const msg = (e as Error).message;
    if (expectErr.message !== undefined && !msg.includes(expectErr.message))
      return {
        ok: false,
        reason: `error mismatch: expected "${expectErr.message}", got "${msg.split('\n')[0]}"`,
      };
    if (
      expectErr.status !== undefined &&
      e instanceof KsqlError &&
      Number(str(expectErr.status)) !== e.status
    )
      return { ok: false, reason: `status ${e.status}, expected ${str(expectErr.status)}` };
    return { ok: true };
  };
  try {
    const topics = await startCaseEngine(core, store, test, 4);
    const first = test.statements.findIndex((s) => /^\s*SELECT\s/i.test(s));
    const admin = first < 0 ? test.statements : test.statements.slice(0, first);
    const selects = first < 0 ? [] : test.statements.slice(first);
    const responses: unknown[] = [];
    if (admin.length > 0) {
      try {
        const entities = await core.execute({ ksql: admin.join('\n'), streamsProperties: props });
        responses.push(...entities.map((e) => parse(JSON.stringify(e))));
      } catch (e) {
        return checkError(e);
      }
    }
    const produceInputs = async () => {
      for (const r of test.inputs ?? []) {
        const partitions = topics.get(r.topic) ?? 1;
        await store.produce(r.topic, [encodeInput(r, sourceFor(core, r.topic, false), partitions)]);
      }
      await store.settle();
    };
    const wait = test.inputConditions?.waitForActivePushQuery === true;
    if (!wait) await produceInputs();
    for (const sql of selects) {
      let q: Awaited<ReturnType<typeof core.query>>;
      try {
        q = await core.query({ sql, properties: props });
      } catch (e) {
        return checkError(e);
      }
      const out: unknown[] = [
        {
          header: {
            queryId: q.queryId,
            schema: q.columns.map((c) => `\`${c.name}\` ${c.type}${c.key ? ' KEY' : ''}`).join(', '),
          },
        },
      ];
      const collect = (async () => {
        for await (const r of q.rows)
          out.push(parse(`{"row":{"columns":${r.json}${r.tombstone ? ',"tombstone":true' : ''}}}`));
      })();
      if (wait) await produceInputs();
      await store.settle();
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      if (q.kind === 'push' && q.end() === 'open') await q.close();
      await collect;
      if (q.end() === 'limit') out.push({ finalMessage: 'Limit Reached' });
      if (q.end() === 'completed') out.push({ finalMessage: 'Query Completed' });
      responses.push(out);
    }
    if (expectErr !== undefined) return { ok: false, reason: 'expected an error, none was raised' };
    for (const [topic, expected] of outputsByTopic(test)) {
      const diff = compareRecords(expected, store.records(topic), sourceFor(core, topic, true), topic);
      if (diff !== undefined) return { ok: false, reason: diff };
    }
    // the protobuf variants of query responses (`queryProto`) are ksqlDB's protobuf media type, not run here
    const expected = (test.responses ?? []).filter((e) => !('queryProto' in (e as object)));
    if (responses.length < expected.length)
      return { ok: false, reason: `expected ${expected.length} responses, got ${responses.length}` };
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i] as Record<string, unknown>;
      if ('admin' in e) {
        if (!partial(e.admin, responses[i]))
          return { ok: false, reason: `response ${i}: expected ${str(e.admin)}, got ${str(responses[i])}` };
      } else if ('query' in e) {
        const diff = compareQuery(
          e.query as unknown[],
          responses[i] as unknown[],
          test.outputConditions?.verifyOrder === true,
        );
        if (diff !== undefined) return { ok: false, reason: `response ${i}: ${diff}` };
      }
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}` };
  } finally {
    await core.close();
    await store.close();
  }
}
