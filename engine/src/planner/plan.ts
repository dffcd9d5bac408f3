/**
 * Query plans. The logical plan is the chain of relational steps a SELECT describes
 * (`LogicalSource → LogicalFilter → LogicalAggregate → LogicalProject → LogicalSink`); the stream
 * plan names the physical operator that runs it, chosen by source kind and grouping:
 *
 * | source | GROUP BY | window      | operator           |
 * |--------|----------|-------------|--------------------|
 * | stream | no       | –           | StreamSelect       |
 * | table  | no       | –           | TableSelect        |
 * | stream | yes      | none        | StreamAggregate    |
 * | stream | yes      | TUMBLING/HOPPING | WindowedAggregate |
 * | stream | yes      | SESSION     | SessionAggregate   |
 * | table  | yes      | –           | TableAggregate (retracting) |
 */
import type { AnalyzedQuery, Column } from '../analyzer/index.js';
import { printExpr, printType } from '../syntax/index.js';

export type LogicalNode =
  | { kind: 'LogicalSource'; name: string; sourceType: 'STREAM' | 'TABLE'; topic: string }
  | { kind: 'LogicalFilter'; predicate: string }
  | { kind: 'LogicalAggregate'; groupBy: string[]; aggregates: string[]; window?: string }
  | { kind: 'LogicalHaving'; predicate: string }
  | { kind: 'LogicalProject'; columns: string[] }
  | { kind: 'LogicalSink'; name: string; topic: string; keyFormat: string; valueFormat: string };

export type StreamOperator =
  | 'StreamSelect'
  | 'TableSelect'
  | 'StreamAggregate'
  | 'WindowedAggregate'
  | 'SessionAggregate'
  | 'TableAggregate';

export interface QueryPlan {
  queryId: string;
  analyzed: AnalyzedQuery;
  /** Source first, sink (if any) last. */
  logical: LogicalNode[];
  operator: StreamOperator;
}

export interface SinkInfo {
  name: string;
  topic: string;
  keyFormat: string;
  valueFormat: string;
}

/** Chooses the physical operator for an analyzed query. */
export function chooseOperator(q: AnalyzedQuery): StreamOperator {
  if (q.aggregate === undefined) return q.source.type === 'STREAM' ? 'StreamSelect' : 'TableSelect';
  if (q.source.type === 'TABLE') return 'TableAggregate';
  if (q.window === undefined) return 'StreamAggregate';
  return q.window.type === 'SESSION' ? 'SessionAggregate' : 'WindowedAggregate';
}

/** Builds the logical and stream plan of a query. */
export function planQuery(queryId: string, q: AnalyzedQuery, sink?: SinkInfo): QueryPlan {
  const logical: LogicalNode[] = [
    { kind: 'LogicalSource', name: q.source.name, sourceType: q.source.type, topic: q.source.topic },
  ];
  if (q.where !== undefined) logical.push({ kind: 'LogicalFilter', predicate: printExpr(q.where) });
  if (q.aggregate !== undefined) {
    const node: LogicalNode = {
      kind: 'LogicalAggregate',
      groupBy: q.aggregate.groupBy.map((g) => printExpr(g.expr)),
      aggregates: q.aggregate.calls.map((c) => c.printed),
    };
    if (q.window !== undefined)
      node.window = `${q.window.type} ${q.window.size} ms${q.window.advance === undefined ? '' : ` advance ${q.window.advance} ms`}${q.window.grace === undefined ? '' : ` grace ${q.window.grace} ms`}`;
    logical.push(node);
    if (q.aggregate.having !== undefined)
      logical.push({ kind: 'LogicalHaving', predicate: printExpr(q.aggregate.having) });
  }
  logical.push({
    kind: 'LogicalProject',
    columns: q.projection.map((p) => `${p.name} := ${printExpr(p.expr)}`),
  });
  if (sink !== undefined) logical.push({ kind: 'LogicalSink', ...sink });
  return { queryId, analyzed: q, logical, operator: chooseOperator(q) };
}

function schema(columns: Column[]): string {
  return columns
    .map((c) => `${c.name} ${printType(c.type)}${c.namespace === 'KEY' ? ' KEY' : ''}`)
    .join(', ');
}

/** EXPLAIN text: the stream operator, then the logical steps from sink down to source. */
export function explain(plan: QueryPlan): string {
  const lines = [`${plan.queryId}: ${plan.operator}`, `  schema: ${schema(plan.analyzed.columns)}`];
  const steps = [...plan.logical].reverse();
  steps.forEach((n, i) => {
    const pad = '  '.repeat(i + 1);
    switch (n.kind) {
      case 'LogicalSink':
        lines.push(
          `${pad}> LogicalSink ${n.name} (topic ${n.topic}, key ${n.keyFormat}, value ${n.valueFormat})`,
        );
        break;
      case 'LogicalProject':
        lines.push(`${pad}> LogicalProject [${n.columns.join(', ')}]`);
        break;
      case 'LogicalHaving':
        lines.push(`${pad}> LogicalHaving ${n.predicate}`);
        break;
      case 'LogicalAggregate':
        lines.push(
          `${pad}> LogicalAggregate by [${n.groupBy.join(', ')}] computing [${n.aggregates.join(', ')}]${n.window === undefined ? '' : ` window ${n.window}`}`,
        );
        break;
      case 'LogicalFilter':
        lines.push(`${pad}> LogicalFilter ${n.predicate}`);
        break;
      case 'LogicalSource':
        lines.push(`${pad}> LogicalSource ${n.name} (${n.sourceType}, topic ${n.topic})`);
        break;
    }
  });
  return lines.join('\n');
}
