import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@tally/common';
import { createKafkaClient } from '@tally/kafka-client';
import { expand } from '../qtt/cases.js';
import { readJsonc } from '../qtt/jsonc.js';
import { restQttDir } from '../qtt/qtt-dir.js';
import type { RestCase } from './run-rest-case.js';
import { runRestCase } from './run-rest-case.js';

export interface RestFileResult {
  file: string;
  passed: number;
  failed: { name: string; reason: string }[];
  skipped: { name: string; reason: string }[];
}

export interface RestSuiteOptions {
  /** Kafka bootstrap servers (the runner needs a real broker). */
  brokers: string;
  /** Only cases whose full name matches. */
  filter?: RegExp;
  /** Cases run at the same time, each with its own engine (default 2). */
  concurrency?: number;
  /** Wait for eventual results per check (default 10 s). */
  waitMs?: number;
  dir?: string;
  /** Called after each case (progress). */
  onCase?: (file: string, name: string, ok: boolean, reason?: string) => void;
}

/**
 * Runs every REST case through the HTTP server on real Kafka, a fresh in-process engine per
 * case, topics renamed per case and deleted afterwards. Skipped = needs a schema registry.
 */
export async function runRestConformance(options: RestSuiteOptions): Promise<RestFileResult[]> {
  const logger = createLogger('rest-qtt', { level: 'silent' });
  const admin = await createKafkaClient({
    brokers: options.brokers,
    clientId: 'tally-rest-qtt-admin',
  }).admin();
  const runId = randomBytes(3).toString('hex');
  const dir = options.dir ?? restQttDir();
  const results: RestFileResult[] = [];
  let counter = 0;
  try {
    for (const fileName of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = fileName.replace(/\.json$/, '');
      const doc = readJsonc(join(dir, fileName)) as { tests: RestCase[] };
      const result: RestFileResult = { file, passed: 0, failed: [], skipped: [] };
      const queue = expand(file, doc.tests).filter((c) => !options.filter || options.filter.test(c.name));
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (next.skip !== undefined) {
            result.skipped.push({ name: next.name, reason: next.skip });
            continue;
          }
          const prefix = `rq${runId}_${++counter}_`;
          const outcome = await runRestCase(next.test as RestCase, prefix, {
            brokers: options.brokers,
            logger,
            waitMs: options.waitMs ?? 10_000,
          });
          if (outcome.ok) result.passed += 1;
          else result.failed.push({ name: next.name, reason: outcome.reason ?? '' });
          options.onCase?.(file, next.name, outcome.ok, outcome.reason);
          const leftovers = (await admin.listTopics()).filter((t) => t.includes(prefix));
          if (leftovers.length > 0) await admin.deleteTopics(leftovers).catch(() => undefined);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
      results.push(result);
    }
  } finally {
    await admin.close();
  }
  return results;
}
