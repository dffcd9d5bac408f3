import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { Pool } from 'undici';
import { readEngineConfig } from '../../src/config.js';
import type { EngineCore } from '../../src/executor/index.js';
import { startEngineProcess } from '../../src/main.js';
import { createKafkaTopicStore } from '../../src/runtime/kafka/index.js';
import type { TopicStore } from '../../src/runtime/topic-store.js';
import { sourceFor } from '../qtt/case-engine.js';
import type { QttCase } from '../qtt/cases.js';
import { compareRecords, encodeInput, outputsByTopic } from '../qtt/records.js';
import type { CaseResult } from '../qtt/run-case.js';
import { compareQuery, partial, show } from './compare.js';
import { parseStreamedRows, postQuery } from './query-client.js';
import { renameTopics, unrename } from './rename.js';
import { caseTopics } from './topics.js';

/** A REST case (`rest-query-validation-tests`): a QTT case plus `responses` and conditions. */
export type RestCase = QttCase & {
  inputConditions?: { waitForActivePushQuery?: boolean };
  outputConditions?: { verifyOrder?: boolean };
};

export interface RestRunEnvironment {
  brokers: string;
  logger: Logger;
  /** How long to wait for eventual results (outputs, pull query answers, push query rows). */
  waitMs: number;
}

const text = (value: unknown) => (isLosslessNumber(value) ? show(value) : String(value));

/** Checks a refused request against `expectedError` (status, `@type` class, message substring). */
function checkError(test: RestCase, status: number, body: string, prefix: string): CaseResult {
  const expected = test.expectedError;
  let error: Record<string, unknown> = {};
  try {
    error = JSON.parse(unrename(body, prefix));
  } catch {
    error = { message: body };
  }
  const message = String(error['message'] ?? '');
  if (!expected) return { ok: false, reason: `unexpected error ${status}: ${message.split('\n')[0]}` };
  if (expected.status !== undefined && Number(text(expected.status)) !== status) {
    return {
      ok: false,
      reason: `status ${status}, expected ${text(expected.status)}: ${message.split('\n')[0]}`,
    };
  }
  if (expected.type?.endsWith('KsqlStatementErrorMessage') && error['@type'] !== 'statement_error') {
    return { ok: false, reason: `expected a statement_error, got ${String(error['@type'])}` };
  }
  if (expected.message !== undefined && !message.includes(expected.message)) {
    return {
      ok: false,
      reason: `error mismatch: expected "${expected.message}", got "${message.split('\n')[0]}"`,
    };
  }
  return { ok: true };
}

/** Polls `check` (undefined = pass) until it passes or `waitMs` ran out; returns the last reason. */
async function settle(check: () => Promise<string | undefined>, waitMs: number): Promise<string | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const reason = await check();
    if (reason === undefined || Date.now() > deadline) return reason;
    await delay(200);
  }
}

/**
 * Runs one REST case over HTTP against a fresh in-process engine + server on real Kafka, per the
 * README's "How a runner should execute a REST case": topics first, all admin statements in one
 * `/ksql` request, inputs, then each SELECT on `/query` (v1), then outputs and responses.
 */
export async function runRestCase(
  original: RestCase,
  prefix: string,
  env: RestRunEnvironment,
): Promise<CaseResult> {
  const test = renameTopics(original, prefix) as RestCase;
  const properties = Object.fromEntries(Object.entries(test.properties ?? {}).map(([k, v]) => [k, text(v)]));
  const stateDir = mkdtempSync(join(tmpdir(), 'tally-rqtt-'));
  const config = readEngineConfig(
    {},
    {
      KAFKA_BROKERS: env.brokers,
      ENGINE_PORT: '0',
      KSQL_SERVICE_ID: `${prefix}svc_`,
      ENGINE_STATE_DIR: stateDir,
      LOG_LEVEL: 'silent',
    },
  );
  const engine = await startEngineProcess(config, {
    logger: env.logger,
    topicConfig: { 'retention.ms': '-1' },
    properties: {
      'ksql.streams.auto.offset.reset': 'earliest',
      'ksql.output.topic.name.prefix': prefix,
      'ksql.logging.processing.topic.auto.create': 'false',
    },
  });
  const pool = new Pool(engine.url, { connections: 4 });
  // The runner's own Kafka access for this case (topics, inputs, outputs); its topics never expire.
  // One per case: a client that knew a topic deleted later keeps asking the broker about it.
  let store: TopicStore | undefined;
  try {
    store = await createKafkaTopicStore({
      brokers: env.brokers,
      clientId: 'tally-rest-qtt',
      logger: env.logger,
      topicConfig: { 'retention.ms': '-1' },
    });
    const kafka = store;
    const core = (await engine.ready) as EngineCore;
    for (const [name, partitions] of caseTopics(test))
      await kafka.createTopic({ name, partitions, replicas: 1 });

    const first = test.statements.findIndex((s) => /^\s*SELECT\s/i.test(s));
    const adminStatements = first < 0 ? test.statements : test.statements.slice(0, first);
    const selects = first < 0 ? [] : test.statements.slice(first);
    const responses: unknown[] = [];
    if (adminStatements.length > 0) {
      const reply = await pool.request({
        method: 'POST',
        path: '/ksql',
        headers: { accept: 'application/vnd.ksql.v1+json' },
        body: JSON.stringify({ ksql: adminStatements.join('\n'), streamsProperties: properties }),
      });
      const body = await reply.body.text();
      if (reply.statusCode !== 200) return checkError(test, reply.statusCode, body, prefix);
      responses.push(...(parse(unrename(body, prefix)) as unknown[]));
    }

    let produced = false;
    const produceInputs = async () => {
      if (produced) return;
      produced = true;
      for (const record of test.inputs ?? []) {
        // No explicit partition: the Java-compatible partitioner spreads keys as the harness does.
        const { partition: _partition, ...stored } = encodeInput(
          record,
          sourceFor(core, record.topic, false),
        );
        await kafka.produce(record.topic, [stored]);
      }
    };
    // the protobuf variants of query responses (`queryProto`) are ksqlDB's protobuf media type, not run here
    const expected = ((test.responses ?? []) as Record<string, unknown>[]).filter(
      (e) => !('queryProto' in e),
    );
    const waitForPush = test.inputConditions?.waitForActivePushQuery === true;
    if (!waitForPush) await produceInputs();

    for (const sql of selects) {
      const index = responses.length;
      const want = expected[index]?.['query'] as unknown[] | undefined;
      let rows: unknown[] = [];
      let failure: CaseResult | undefined;
      const reason = await settle(async () => {
        const reply = await postQuery(
          pool,
          sql,
          properties,
          env.waitMs,
          waitForPush ? produceInputs : undefined,
        );
        if (reply.status !== 200) {
          failure = checkError(test, reply.status, reply.text, prefix);
          return undefined;
        }
        rows = parseStreamedRows(unrename(reply.text, prefix));
        if (!want) return undefined;
        return compareQuery(want, rows, test.outputConditions?.verifyOrder === true);
      }, env.waitMs);
      if (failure) return failure;
      if (reason !== undefined) return { ok: false, reason: `response ${index}: ${reason}` };
      responses.push(rows);
    }
    await produceInputs();
    if (test.expectedError) return { ok: false, reason: 'expected an error, none was raised' };

    for (const [topic, records] of outputsByTopic(test)) {
      const reason = await settle(
        async () =>
          compareRecords(records, await kafka.readToEnd(topic), sourceFor(core, topic, true), topic),
        env.waitMs,
      );
      if (reason !== undefined) return { ok: false, reason: unrename(reason, prefix) };
    }

    if (responses.length < expected.length) {
      return { ok: false, reason: `expected ${expected.length} responses, got ${responses.length}` };
    }
    for (let i = 0; i < expected.length; i += 1) {
      const admin = expected[i]?.['admin'];
      if (admin !== undefined && !partial(admin, responses[i])) {
        return {
          ok: false,
          reason: `response ${i}: expected ${show(admin)}, got ${stringify(responses[i])}`,
        };
      }
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `crashed: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}` };
  } finally {
    await pool.close();
    await engine.close();
    await store?.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
