/**
 * The end of every persistent projection: names unique, result schema with key columns first,
 * at least one value column. Also the "a, b and c" lists ksqlDB's messages use.
 */
import { printType } from '../syntax/index.js';
import type { AnalyzedQuery, ProjectionItem } from './analyzed-query.js';
import type { Column } from './source.js';
import { KsqlTypeError } from './type-error.js';

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The checks every projection ends with: unique names, key and value columns, at least one value column. */
export function finishProjection(
  result: AnalyzedQuery,
  projection: ProjectionItem[],
  keyNames: string[],
): AnalyzedQuery {
  checkDuplicates(projection);
  result.keyNames = keyNames;
  result.columns = buildColumns(projection, keyNames);
  if (!result.columns.some((c) => c.namespace === 'VALUE'))
    throw new KsqlTypeError('The projection contains no value columns.');
  return result;
}

/** ksqlDB's schema builder refuses two result columns of one name (`SELECT VAL, VAL …`). */
export function checkDuplicates(projection: ProjectionItem[]): void {
  const seen = new Set<string>();
  for (const p of projection) {
    if (seen.has(p.name))
      throw new KsqlTypeError(`Duplicate value columns found in schema: \`${p.name}\` ${printType(p.type)}`);
    seen.add(p.name);
  }
}

function buildColumns(projection: ProjectionItem[], keyNames: string[]): Column[] {
  const keys: Column[] = keyNames.map((k) => ({
    name: k,
    type: projection.find((p) => p.name === k)!.type,
    namespace: 'KEY',
  }));
  const values: Column[] = projection
    .filter((p) => !keyNames.includes(p.name))
    .map((p) => ({ name: p.name, type: p.type, namespace: 'VALUE' }));
  return [...keys, ...values];
}
