/** Runs every case of the topic-level QTT folder; returns per-file results. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expand, type QttCase } from './cases.js';
import { readJsonc } from './jsonc.js';
import { runRestCase } from './rest-case.js';
import { runCase } from './run-case.js';
import { registerTestUdfs } from './test-udfs.js';

/** ksqlDB's test folders: `KSQL_QTT_DIR`, or `shared/ksql-qtt` beside the checkout (a worktree sets the variable). */
const QTT_ROOT = process.env['KSQL_QTT_DIR'] ?? join(import.meta.dirname, '../../../../shared/ksql-qtt');
export const QTT_DIR = join(QTT_ROOT, 'query-validation-tests');
export const RQTT_DIR = join(QTT_ROOT, 'rest-query-validation-tests');

export interface FileResult {
  file: string;
  passed: number;
  failed: { name: string; reason: string }[];
  skipped: number;
}

export async function runSuite(dir = QTT_DIR, filter?: RegExp, rest = false): Promise<FileResult[]> {
  registerTestUdfs();
  const results: FileResult[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const file = f.replace(/\.json$/, '');
    const doc = readJsonc(join(dir, f)) as { tests: QttCase[] };
    const result: FileResult = { file, passed: 0, failed: [], skipped: 0 };
    for (const c of expand(file, doc.tests)) {
      if (filter !== undefined && !filter.test(c.name)) continue;
      if (c.skip !== undefined) {
        result.skipped++;
        continue;
      }
      const r = rest ? await runRestCase(c.test) : await runCase(c.test);
      if (r.ok) result.passed++;
      else result.failed.push({ name: c.name, reason: r.reason ?? '' });
    }
    results.push(result);
  }
  return results;
}
