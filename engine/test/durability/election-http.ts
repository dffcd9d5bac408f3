/**
 * The chaos test's view of the engine, over HTTP only: applies the election's real migration files
 * (ksql/migrations, one statement per request with the SET properties before it, as ksql-migrations
 * sends them) and reads the live tables by pull query.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements } from '../../src/syntax/index.js';
import { call, type Dispatcher } from '../integration/http-client.js';

const MIGRATIONS = join(import.meta.dirname, '../../../ksql/migrations');

/** Topic names the migrations read and write (their `${variables}`). */
export interface ElectionTopics {
  voters_topic: string;
  votes_topic: string;
  topic_prefix: string;
}

/** Applies every election migration in version order; throws on any statement the engine rejects. */
export async function applyElectionMigrations(http: Dispatcher, topics: ElectionTopics): Promise<void> {
  const files = readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const file of files) {
    const properties: Record<string, string> = {};
    for (const statement of splitStatements(readFileSync(join(MIGRATIONS, file), 'utf8'))) {
      const bare = statement.replace(/--[^\n]*\n/g, '').trim();
      const set = /^SET\s+'([^']+)'\s*=\s*'([^']*)'\s*;$/i.exec(bare);
      if (set !== null) {
        properties[set[1]!] = set[2]!;
        continue;
      }
      const reply = await call(http, 'POST', '/ksql', {
        ksql: statement,
        streamsProperties: properties,
        sessionVariables: topics,
      });
      if (reply.status !== 200) throw new Error(`${file}: ${reply.status} ${reply.text}\n${statement}`);
    }
  }
}

/** Runs a pull query over `/query-stream` and returns its rows (arrays of column values). */
export async function pull(http: Dispatcher, sql: string): Promise<unknown[][]> {
  const reply = await call(http, 'POST', '/query-stream', { sql });
  if (reply.status !== 200) throw new Error(`${sql}: ${reply.status} ${reply.text}`);
  const [, ...rows] = reply.text.trim().split('\n');
  return rows.map((line) => JSON.parse(line) as unknown[]);
}

/** Rows keyed by their first `keyColumns` columns (as a JSON array), the rest as the value. */
export function keyed(rows: unknown[][], keyColumns: number): Map<string, unknown[]> {
  return new Map(rows.map((r) => [JSON.stringify(r.slice(0, keyColumns)), r.slice(keyColumns)]));
}

/** The persistent queries' ids and states (`SHOW QUERIES`). */
export async function queries(http: Dispatcher): Promise<{ id: string; state: string; sinks: string[] }[]> {
  const reply = await call(http, 'POST', '/ksql', { ksql: 'SHOW QUERIES;' });
  if (reply.status !== 200) throw new Error(`SHOW QUERIES: ${reply.status} ${reply.text}`);
  const [entity] = JSON.parse(reply.text) as {
    queries: { id: string; state: string; sinks: string[] }[];
  }[];
  return entity!.queries;
}
