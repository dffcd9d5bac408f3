/**
 * The two sides of a table join as its operators read them: each side's record decoder, its join
 * key over its own columns, and its row renamed to the joined names (`L_A`, pseudo columns too), a
 * null row giving every joined column of that side as null.
 */
import type { JoinInfo, TypeScope } from '../../analyzer/index.js';
import { JOIN_PSEUDO_COLUMNS, joinedColumn, mapScope, sourceScopeOf } from '../../analyzer/index.js';
import { compileExpr, newRow, type Row } from '../eval/compile.js';
import { createSourceDecoder } from './source-decoder.js';

export function joinSides(join: JoinInfo) {
  const sides = [join.left, join.right].map((s) => {
    const decoder = createSourceDecoder(s.source);
    const scope: TypeScope = mapScope(sourceScopeOf(s.source), new Set([s.alias, s.source.name]));
    const key = compileExpr(s.key, scope);
    const names = [...s.source.columns.map((c) => c.name), ...JOIN_PSEUDO_COLUMNS];
    const prefixed = (row: Row | null): Row => {
      const r: Row = newRow();
      for (const n of names) r[joinedColumn(s.alias, n)] = row === null ? null : (row[n] ?? null);
      return r;
    };
    return { ...s, decoder, key, prefixed };
  });
  return sides as [(typeof sides)[number], (typeof sides)[number]];
}
