/**
 * Runs one QTT case through the engine on the in-memory log, mirroring ksqlDB's TestExecutor:
 * fresh engine, topics pre-created, statements executed in order, inputs produced with the
 * formats of the source declared on their topic, outputs compared in order, post-conditions.
 */
import type { DataSource } from '../../src/analyzer/index.js';
import type { EngineCore } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';
import { parseColumnList, printType } from '../../src/syntax/index.js';
import { createCaseEngine, sourceFor, startCaseEngine } from './case-engine.js';
import type { QttCase } from './cases.js';
import { compareRecords, encodeInput, outputsByTopic } from './records.js';

/** A case's verdict; `reason` says what differed. */
export interface CaseResult {
  ok: boolean;
  reason?: string;
}

function schemaText(s: DataSource): string {
  return s.columns
    .map((c) => `${c.name} ${printType(c.type)}${c.namespace === 'KEY' ? ' KEY' : ''}`)
    .join(', ');
}

function checkPost(test: QttCase, core: EngineCore, topicNames: string[]): string | undefined {
  for (const ps of test.post?.sources ?? []) {
    const s = core.meta.sources.get(ps.name);
    if (s === undefined) return `post: source ${ps.name} missing`;
    if (s.type !== ps.type.toUpperCase()) return `post: ${ps.name} type ${s.type}, expected ${ps.type}`;
    if (ps.schema !== undefined) {
      const expected = parseColumnList(ps.schema)
        .map(
          (c) =>
            `${c.name} ${printType(c.type)}${c.constraint === 'KEY' || c.constraint === 'PRIMARY KEY' ? ' KEY' : ''}`,
        )
        .join(', ');
      if (expected !== schemaText(s)) return `post: ${ps.name} schema ${schemaText(s)}, expected ${expected}`;
    }
    if (ps.keyFormat?.format !== undefined && ps.keyFormat.format !== s.keyFormat)
      return `post: ${ps.name} key format ${s.keyFormat}, expected ${ps.keyFormat.format}`;
    if (ps.keyFormat?.windowType !== undefined && ps.keyFormat.windowType !== s.window?.type)
      return `post: ${ps.name} window ${s.window?.type}, expected ${ps.keyFormat.windowType}`;
    if (ps.valueFormat !== undefined && ps.valueFormat !== s.valueFormat)
      return `post: ${ps.name} value format ${s.valueFormat}, expected ${ps.valueFormat}`;
  }
  const blacklist = test.post?.topics?.blacklist;
  if (blacklist !== undefined) {
    const re = new RegExp(`^${blacklist}$`);
    const bad = topicNames.find((t) => re.test(t));
    if (bad !== undefined) return `post: topic ${bad} matches blacklist ${blacklist}`;
  }
  return undefined;
}

/** Runs one case; never throws (a crash is a failed case). */
export async function runCase(test: QttCase): Promise<CaseResult> {
  const store = new MemoryTopicStore({ batchSize: 1 });
  const { core, props } = createCaseEngine(test, store);
  try {
    await startCaseEngine(core, store, test);
    const expectError = test.expectedException ?? test.expectedError;
    // One request, as ksqlDB's runner parses the statements joined by line breaks: a syntax error's
    // position counts from the first statement.
    try {
      await core.execute({ ksql: test.statements.join('\n'), streamsProperties: props });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const failedText = (e as { statementText?: string }).statementText;
      const last = test.statements.at(-1)?.trim();
      if (expectError === undefined)
        return { ok: false, reason: `statements failed: ${message.split('\n')[0]}` };
      if (failedText !== undefined && last !== undefined && !last.startsWith(failedText.replace(/;$/, '')))
        return { ok: false, reason: `a statement before the last failed: ${message.split('\n')[0]}` };
      // Messages embedding ksqlDB's re-formatted statement are matched up to that part.
      const want = expectError.message?.split('\nStatement: ')[0];
      if (want !== undefined && !message.includes(want)) {
        return {
          ok: false,
          reason: `error message mismatch: expected "${want.split('\n')[0]}", got "${message.split('\n')[0]}"`,
        };
      }
      return { ok: true };
    }
    for (const r of test.inputs ?? []) {
      await store.produce(r.topic, [encodeInput(r, sourceFor(core, r.topic, false))]);
      await store.settle();
    }
    await store.settle();
    if (process.env.QTT_DEBUG) {
      for (const t of await store.listTopics())
        console.log(
          t.name,
          store.records(t.name).map((r) => `${r.key?.toString()} => ${r.value?.toString()}`),
        );
    }
    if (expectError !== undefined) {
      const failed = core.queryMetrics().find((q) => q.state === 'ERROR' || q.errors > 0);
      if (failed === undefined) return { ok: false, reason: 'expected an exception, none was raised' };
      return { ok: true };
    }
    for (const [topic, expected] of outputsByTopic(test)) {
      const diff = compareRecords(expected, store.records(topic), sourceFor(core, topic, true), topic);
      if (diff !== undefined) {
        const broken = core.queryMetrics().find((q) => q.error !== undefined);
        return {
          ok: false,
          reason: broken === undefined ? diff : `${diff} (query ${broken.id} failed: ${broken.error})`,
        };
      }
    }
    const post = checkPost(
      test,
      core,
      (await store.listTopics()).map((t) => t.name),
    );
    if (post !== undefined) return { ok: false, reason: post };
    return { ok: true };
  } catch (e) {
    if (process.env.QTT_DEBUG) console.log(e);
    return {
      ok: false,
      reason: `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(e)}`,
    };
  } finally {
    await core.close();
    await store.close();
  }
}
