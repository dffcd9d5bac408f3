/**
 * The metastore: streams, tables and persistent queries by name/id. Cloneable so a whole /ksql
 * request can be validated in a sandbox before anything is executed.
 */
import type { AnalyzedQuery, DataSource, SqlType } from '../analyzer/index.js';

export interface QueryInfo {
  id: string;
  /** The statement text that started it. */
  sql: string;
  sink?: string;
  sinkTopic?: string;
  sources: string[];
  analyzed: AnalyzedQuery;
  kind: 'CSAS' | 'CTAS' | 'INSERT' | 'CST';
}

export class Metastore {
  readonly sources = new Map<string, DataSource>();
  readonly queries = new Map<string, QueryInfo>();
  /** Custom types (CREATE TYPE) by name. */
  readonly types = new Map<string, SqlType>();

  clone(): Metastore {
    const m = new Metastore();
    for (const [k, v] of this.types) m.types.set(k, v);
    for (const [k, v] of this.sources) m.sources.set(k, v);
    for (const [k, v] of this.queries) m.queries.set(k, v);
    return m;
  }

  /** Queries reading from `name`. */
  readersOf(name: string): QueryInfo[] {
    return [...this.queries.values()].filter((q) => q.sources.includes(name));
  }

  /** Queries writing into `name`. */
  writersOf(name: string): QueryInfo[] {
    return [...this.queries.values()].filter((q) => q.sink === name);
  }
}
