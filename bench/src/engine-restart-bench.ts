import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '@tally/common';
import { createKafkaClient } from '@tally/kafka-client';
import { startEngine, type TestEngine, uniqueName } from '@tally/testkit';
import { onInterrupt } from './cleanup.js';
import { type BenchSection, renderSection } from './report.js';
import { produceVotes } from './vote-fixtures.js';

/**
 * How long the engine takes to serve again after a restart with a large table: `keys` voters
 * (1,000,000 by default) in a `GROUP BY VOTER_ID` table, one state-store entry each. "Serving
 * again" ends when a pull query over the table returns every key. Measured three ways on the same
 * state: restoring from the whole changelog (snapshots off), from the snapshot written at a
 * SIGTERM, and after a SIGKILL from that snapshot plus the changelog records written after it.
 */
const logger = createLogger('bench-restart');

export interface EngineRestartBenchOptions {
  brokers: string;
  keys?: number;
}

/** One restart: process start → healthy (state restored) → pull query with every key. */
interface Restart {
  healthyMs: number;
  servedMs: number;
  /** The engine's own restore time per store (from its `state restored` log line). */
  restoreMs: number;
  from: string;
}

async function ksql(url: string, statement: string, properties: Record<string, string> = {}): Promise<void> {
  const response = await fetch(`${url}/ksql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/vnd.ksql.v1+json' },
    body: JSON.stringify({ ksql: statement, streamsProperties: properties }),
  });
  if (!response.ok) throw new Error(`${statement}: ${await response.text()}`);
}

/** The id of the query that writes the table. */
async function queryId(url: string): Promise<string> {
  const response = await fetch(`${url}/ksql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ksql: 'SHOW QUERIES;' }),
  });
  const [{ queries }] = (await response.json()) as [{ queries: { id: string }[] }];
  const id = queries.find((q) => q.id.includes('RESTART_BENCH'))?.id;
  if (id === undefined) throw new Error('no query writes RESTART_BENCH');
  return id;
}

/** The body of a pull query over the table (undefined while the engine is not serving). */
async function pull(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/query-stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/vnd.ksqlapi.delimited.v1' },
    body: JSON.stringify({ sql: 'SELECT N FROM RESTART_BENCH;' }),
  }).catch(() => undefined);
  return response?.ok ? response.text() : undefined;
}

/** Rows of a pull query over the table, counted as lines (the header is the first); -1 while not serving. */
async function rows(url: string): Promise<number> {
  const body = await pull(url);
  if (body === undefined) return -1;
  let lines = 0;
  for (let at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1)) lines++;
  return lines - 1;
}

/** The sum of N over the table (every vote counted once). */
async function sum(url: string): Promise<number> {
  const body = await pull(url);
  if (body === undefined) return -1;
  let total = 0;
  for (const line of body.trim().split('\n').slice(1)) total += Number((JSON.parse(line) as unknown[])[0]);
  return total;
}

async function waitForRows(url: string, keys: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await rows(url)) < keys) {
    if (Date.now() > deadline) throw new Error(`the table did not reach ${keys} rows in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The restore line of the engine's log: slowest store's time and how it was restored. */
function restoreOf(engine: TestEngine): { restoreMs: number; from: string } {
  const line = engine.process
    .output()
    .split('\n')
    .find((l) => l.includes('"state restored"') && l.includes('Aggregate'));
  if (line === undefined) return { restoreMs: Number.NaN, from: '?' };
  const stores = (
    JSON.parse(line) as { stores: { store: string; from: string; ms: number; records: number }[] }
  ).stores;
  const main = stores.find((s) => s.store === 'Aggregate')!;
  return {
    restoreMs: Math.max(...stores.map((s) => s.ms)),
    from: `${main.from}, ${main.records.toLocaleString('en-US')} changelog records`,
  };
}

export async function runEngineRestartBench(options: EngineRestartBenchOptions): Promise<BenchSection[]> {
  const keys = options.keys ?? 1_000_000;
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'bench-restart' });
  const admin = await kafka.admin();
  const topic = uniqueName('bench_keys');
  const stateDir = mkdtempSync(join(tmpdir(), 'tally-restart-bench-'));
  const forget = onInterrupt(() => rmSync(stateDir, { recursive: true, force: true }));
  const serviceId = `${uniqueName('restart')}_`;
  await admin.createTopics([{ topic, partitions: 1, config: { 'retention.ms': '-1' } }]);
  await produceVotes(kafka, topic, keys);
  logger.info({ keys, topic }, 'votes produced');

  const env = (snapshots: boolean) => ({
    KAFKA_BROKERS: options.brokers,
    LOG_LEVEL: 'info',
    ENGINE_SNAPSHOT_INTERVAL_MS: snapshots ? '3600000' : '0',
  });
  const launch = (snapshots: boolean) =>
    startEngine({ serviceId, stateDir, env: env(snapshots), readyTimeoutMs: 600_000 });
  /** Starts the engine on the existing state and times it until the table is served whole. */
  const restart = async (snapshots: boolean): Promise<{ engine: TestEngine; restart: Restart }> => {
    const started = performance.now();
    const engine = await launch(snapshots);
    const healthyMs = performance.now() - started;
    await waitForRows(engine.url, keys, 600_000);
    const servedMs = performance.now() - started;
    const result = { healthyMs, servedMs, ...restoreOf(engine) };
    logger.info({ snapshots, ...result }, 'restarted');
    return { engine, restart: result };
  };

  let engine = await launch(false);
  try {
    await ksql(
      engine.url,
      `CREATE STREAM RESTART_INPUT (VOTER_ID STRING KEY, CANDIDATE_ID STRING) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`,
    );
    await ksql(
      engine.url,
      'CREATE TABLE RESTART_BENCH AS SELECT VOTER_ID, LATEST_BY_OFFSET(CANDIDATE_ID) AS CANDIDATE_ID, COUNT(*) AS N FROM RESTART_INPUT GROUP BY VOTER_ID EMIT CHANGES;',
      { 'auto.offset.reset': 'earliest' },
    );
    await waitForRows(engine.url, keys, 1_800_000);
    logger.info('table built');
    await engine.stop('SIGTERM');

    // 1. Snapshots off: the whole changelog is read.
    let run = await restart(false);
    engine = run.engine;
    const full = run.restart;
    // A second pull query: restored values are decoded per scan (not cached), so it costs the same.
    const warmStart = performance.now();
    await rows(engine.url);
    const warmPullMs = performance.now() - warmStart;
    await engine.stop('SIGTERM');

    // 2. Snapshots on: this start still replays the changelog (no snapshot yet); its SIGTERM writes one.
    engine = (await restart(true)).engine;
    const stopStart = performance.now();
    await engine.stop('SIGTERM');
    const stopMs = performance.now() - stopStart;

    // 3. From the snapshot written at SIGTERM.
    run = await restart(true);
    engine = run.engine;
    const fromSnapshot = run.restart;
    if ((await sum(engine.url)) !== keys) throw new Error('the table restored from the snapshot is wrong');

    // 4. A crash after more changelog writes: 1 % of the keys voted again, then SIGKILL.
    const again = Math.max(1, Math.floor(keys / 100));
    await produceVotes(kafka, topic, again);
    const deadline = Date.now() + 600_000;
    // Until the query has committed every input record: a pull query already shows what it
    // computed before committing it, which a crash would make it redo rather than restore.
    const group = `_confluent-ksql-${serviceId}query_${await queryId(engine.url)}`;
    const end = async () => (await admin.topicOffsets(topic))[0]!.high;
    while ((await admin.committedOffsets(group, [topic]))[0]?.offset !== (await end())) {
      if (Date.now() > deadline) throw new Error('the re-votes were not committed in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await engine.stop('SIGKILL');
    run = await restart(true);
    engine = run.engine;
    const afterCrash = run.restart;
    if ((await sum(engine.url)) !== keys + again)
      throw new Error('the table restored after the crash is wrong');

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const row = (what: string, r: Restart, aim?: string) => ({
      what: `${what}: serving again (healthy ${s(r.healthyMs)}; restore ${s(r.restoreMs)} — ${r.from})`,
      value: s(r.servedMs),
      ...(aim === undefined ? {} : { aim }),
    });
    const n = keys.toLocaleString('en-US');
    return [
      {
        title: 'Engine: restart with table state',
        command: 'npm run bench -- engine-restart',
        rows: [
          row(`${n} keys, whole changelog (ENGINE_SNAPSHOT_INTERVAL_MS=0)`, full),
          row(`${n} keys, SIGTERM → snapshot written at shutdown`, fromSnapshot, '< 10 s'),
          row(
            `${n} keys, SIGKILL after ${again.toLocaleString('en-US')} more updates → last snapshot + changelog tail`,
            afterCrash,
            '< 10 s',
          ),
          { what: 'SIGTERM with snapshots on → process exited (snapshot written)', value: s(stopMs) },
          { what: `one pull query over ${n} restored rows (part of "serving again")`, value: s(warmPullMs) },
        ],
        notes: [
          'Measured from the process start (`node --import tsx` from source) until a pull query over the table returns every key (the client counts the rows; the sums are checked afterwards); "healthy" is when /healthcheck reports ready (command topic replayed, state restored, queries running); "restore" is the engine\'s own time for the slowest state store.',
          `Load average ${loadavg()[0]!.toFixed(1)} at the end of the run (2 cores shared with the broker and other work).`,
          `Where the time goes (CPU profile of the snapshot restart): ≈2–3 s process start from source (tsx) and Kafka; ≈1.7 s loading the 124 MB snapshot (1M keys indexed, values left undecoded); the pull query then decodes every value once for the pass (≈2.5 µs of JSON.parse each on this machine), projects, renders and streams 1M rows. After a SIGKILL the query's consumer waits for Kafka to expire the dead member (10 s session timeout) before the engine reports ready.`,
          `Table: \`SELECT VOTER_ID, LATEST_BY_OFFSET(CANDIDATE_ID), COUNT(*) … GROUP BY VOTER_ID\` over ${n} votes of distinct voters; engine, broker and benchmark share the machine.`,
        ],
      },
    ];
  } finally {
    await engine.stop('SIGKILL').catch(() => undefined);
    await admin.deleteTopics([topic]).catch(() => undefined);
    await admin.close();
    rmSync(stateDir, { recursive: true, force: true });
    forget();
  }
}

async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('set KAFKA_BROKERS (or run `npm run bench -- engine-restart`)');
  const at = process.argv.indexOf('--keys');
  const keys = at > 0 ? Number(process.argv[at + 1]) : undefined;
  const sections = await runEngineRestartBench({ brokers, ...(keys === undefined ? {} : { keys }) });
  for (const section of sections) process.stdout.write(`${renderSection(section)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
