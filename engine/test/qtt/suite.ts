/** Runs every case of a QTT folder (topic-level, or REST in-process); returns per-file results. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expand, type QttCase } from './cases.js';
import { readJsonc } from './jsonc.js';
import { qttDir, restQttDir } from './qtt-dir.js';
import { runRestCase } from './rest-case.js';
import { runCase } from './run-case.js';
import { registerTestUdfs } from './test-udfs.js';

export interface FileResult {
  file: string;
  passed: string[];
  failed: { name: string; reason: string }[];
  skipped: { name: string; reason: string }[];
}

/** A case that neither passes nor fails in this long is a failure (a hang must not stop the run). */
const CASE_TIMEOUT_MS = Number(process.env['QTT_CASE_TIMEOUT_MS'] ?? 20_000);

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runSuite(
  options: { rest?: boolean; filter?: RegExp; dir?: string } = {},
): Promise<FileResult[]> {
  registerTestUdfs();
  const rest = options.rest === true;
  const dir = options.dir ?? (rest ? restQttDir() : qttDir());
  const results: FileResult[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const file = f.replace(/\.json$/, '');
    const doc = readJsonc(join(dir, f)) as { tests: QttCase[] };
    const result: FileResult = { file, passed: [], failed: [], skipped: [] };
    for (const c of expand(file, doc.tests)) {
      if (options.filter !== undefined && !options.filter.test(c.name)) continue;
      if (c.skip !== undefined) {
        result.skipped.push({ name: c.name, reason: c.skip });
        continue;
      }
      const r = await withTimeout(rest ? runRestCase(c.test) : runCase(c.test), CASE_TIMEOUT_MS);
      if (r === 'timeout')
        result.failed.push({ name: c.name, reason: `no result within ${CASE_TIMEOUT_MS} ms` });
      else if (r.ok) result.passed.push(c.name);
      else result.failed.push({ name: c.name, reason: r.reason ?? '' });
    }
    results.push(result);
  }
  return results;
}
