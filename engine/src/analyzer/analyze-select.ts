/**
 * A SELECT whose sources are looked up by name: a single source is analyzed directly, a join over
 * its virtual joined source (see `analyze-join.ts`), keeping the SELECT as written and both topics.
 */
import type { Select } from '../syntax/index.js';
import { analyzeJoin } from './analyze-join.js';
import { analyzeQuery } from './analyze-query.js';
import type { AnalyzedQuery, AnalyzeOptions } from './analyzed-query.js';
import { walk } from './expr-walk.js';
import type { DataSource } from './source.js';
import { KsqlTypeError } from './type-error.js';

/**
 * Analyzes a SELECT whose sources are looked up by name; joins are analyzed over their virtual
 * joined source (see `analyze-join.ts`).
 */
export function analyzeSelect(
  select: Select,
  lookup: (name: string) => DataSource | undefined,
  options: AnalyzeOptions,
): AnalyzedQuery {
  const left = lookup(select.from.name);
  if (left === undefined) throw new KsqlTypeError(`${select.from.name} does not exist.`);
  if (select.joins.length === 0) return analyzeQuery(select, left, options);
  const right = lookup(select.joins[0]!.right.name);
  if (right === undefined) throw new KsqlTypeError(`${select.joins[0]!.right.name} does not exist.`);
  const j = analyzeJoin(select, left, right);
  for (const item of select.items) {
    if (item.kind !== 'expr') continue;
    walk(item.expr, (x) => {
      if (x.kind === 'column' && (x.name === 'WINDOWSTART' || x.name === 'WINDOWEND')) {
        throw new KsqlTypeError(`SELECT column '${x.name}' cannot be resolved.`);
      }
    });
  }
  const q = analyzeQuery(j.select, j.source, { ...options, joinKey: j.join.key });
  return { ...q, select, join: j.join, topics: [left.topic, right.topic] };
}
