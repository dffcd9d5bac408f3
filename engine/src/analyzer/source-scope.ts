/** The columns a row of a source offers to expressions: its columns, hidden ones, pseudo columns. */
import type { SqlType } from '../syntax/index.js';
import type { DataSource } from './source.js';
import { T } from './types.js';

const PSEUDO: [string, SqlType][] = [
  ['ROWTIME', T.BIGINT],
  ['ROWPARTITION', T.INTEGER],
  ['ROWOFFSET', T.BIGINT],
];

/** Builds the scope of a source row. */
export function sourceScopeOf(source: DataSource): Map<string, SqlType> {
  const m = new Map<string, SqlType>();
  for (const c of source.columns) m.set(c.name, c.type);
  for (const c of source.hidden ?? []) m.set(c.name, c.type);
  for (const [n, t] of PSEUDO) if (!m.has(n)) m.set(n, t);
  if (source.window !== undefined) {
    m.set('WINDOWSTART', T.BIGINT);
    m.set('WINDOWEND', T.BIGINT);
  }
  return m;
}
