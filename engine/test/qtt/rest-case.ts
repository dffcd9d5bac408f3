/**
 * Runs one REST QTT case (`rest-query-validation-tests`) against the engine in-process (the same
 * `KsqlEngine` calls the REST layer makes), rendering query results in the v1 `/query` shape, to
 * check what the REST conformance needs from the engine. The HTTP-level runner lives with the
 * server.
 */
import { createLogger } from '@tally/common';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { KsqlError } from '../../src/errors.js';
import { createEngineCore } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';
import type { QttCase } from './cases.js';
import { matches } from './compare.js';
import { type CaseResult, compareRecords, encodeInput, sourceFor, topicsOf } from './run-case.js';

const logger = createLogger('rqtt', { level: 'silent' });

type RestCase = QttCase & {
  inputConditions?: { waitForActivePushQuery?: boolean };
  outputConditions?: { verifyOrder?: boolean };
};

function str(v: unknown): string {
  return typeof v === 'string' ? v : (stringify(v) ?? String(v));
}

/** Partial match: every expected key must be present in actual with a matching value. */
function partial(expected: unknown, actual: unknown): boolean {
  if (
    expected !== null &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    !isLosslessNumber(expected)
  ) {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected as Record<string, unknown>).every(
      ([k, v]) => k in (actual as object) && partial(v, (actual as Record<string, unknown>)[k]),
    );
  }
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => partial(e, actual[i]))
    );
  if (isLosslessNumber(expected) || isLosslessNumber(actual)) return str(expected) === str(actual);
  return expected === actual || (expected === null && actual === undefined);
}

function compareQuery(expected: unknown[], actual: unknown[], verifyOrder: boolean): string | undefined {
  if (expected.length !== actual.length)
    return `expected ${expected.length} elements, got ${actual.length}: ${actual.map(str).join(' ')}`;
  const expRows: unknown[] = [];
  const actRows: unknown[] = [];
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as Record<string, unknown>;
    const a = actual[i] as Record<string, unknown>;
    if ('row' in e) {
      const er = e.row as Record<string, unknown>;
      const ar = (a.row ?? {}) as Record<string, unknown>;
      expRows.push(er.columns);
      actRows.push(ar.columns);
      const { columns: _e, ...erest } = er;
      const { columns: _a, ...arest } = ar;
      if (!partial(erest, arest)) return `element ${i}: expected ${str(e)}, got ${str(a)}`;
      continue;
    }
    if (!partial(e, a)) return `element ${i}: expected ${str(e)}, got ${str(a)}`;
  }
  if (verifyOrder) {
    for (let i = 0; i < expRows.length; i++)
      if (!partial(expRows[i], actRows[i]))
        return `row ${i}: expected ${str(expRows[i])}, got ${str(actRows[i])}`;
    return undefined;
  }
  const remaining = [...actRows];
  for (const e of expRows) {
    const j = remaining.findIndex((a) => partial(e, a));
    if (j < 0) return `row ${str(e)} not found in ${remaining.map(str).join(' ')}`;
    remaining.splice(j, 1);
  }
  return undefined;
}

export async function runRestCase(test: RestCase): Promise<CaseResult> {
  const store = new MemoryTopicStore();
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
    await core.start();
    for (const [name, partitions] of topicsOf(test))
      await store.createTopic({ name, partitions, replicas: 1 });
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
      for (const r of test.inputs ?? [])
        await store.produce(r.topic, [encodeInput(r, sourceFor(core, r.topic, false))]);
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
    const byTopic = new Map<string, NonNullable<QttCase['outputs']>>();
    for (const o of test.outputs ?? []) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
    for (const [topic, expected] of byTopic) {
      const diff = compareRecords(expected, store.records(topic), sourceFor(core, topic, true), topic);
      if (diff !== undefined) return { ok: false, reason: diff };
    }
    const expected = test.responses ?? [];
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
    void matches;
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}` };
  } finally {
    await core.close();
    await store.close();
  }
}
