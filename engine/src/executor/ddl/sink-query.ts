/** The metastore entry of a query writing into a sink (CREATE … AS SELECT, INSERT INTO … SELECT). */
import type { AnalyzedQuery } from '../../analyzer/index.js';
import type { Select } from '../../syntax/index.js';
import type { QueryInfo } from '../metastore.js';

/** A query running `select` (whose sources are both sides of a join) into `sink`. */
export function sinkQueryInfo(
  id: string,
  text: string,
  sink: { name: string; topic: string },
  select: Select,
  analyzed: AnalyzedQuery,
  kind: QueryInfo['kind'],
): QueryInfo {
  return {
    id,
    sql: text,
    sink: sink.name,
    sinkTopic: sink.topic,
    sources: [select.from.name, ...select.joins.map((j) => j.right.name)],
    analyzed,
    kind,
  };
}
