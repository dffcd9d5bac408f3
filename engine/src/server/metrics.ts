import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { QueryMetrics } from '../executor/query-registry.js';
import type { Route } from './context.js';

/**
 * Per-query figures an engine may expose for `/metrics` (records in/out, processing-log entries,
 * lag...). Optional: the server duck-types `engine.metrics()` or EngineCore's `queryMetrics()`;
 * without either only server metrics exist.
 */
export interface EngineMetricSample {
  /** Metric name without the `tally_engine_` prefix, e.g. `query_records_in_total`. */
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  values: { labels: Record<string, string>; value: number }[];
}

export interface MetricsSource {
  metrics(): EngineMetricSample[];
}

/** Per persistent query counters as EngineCore reports them (`queryMetrics()`). */
export interface QueryMetricsSource {
  queryMetrics(): QueryMetrics[];
}

/** The engine's figures in exposition form, from whichever of the two sources it offers. */
export function engineSamples(engine: unknown): EngineMetricSample[] {
  if (!engine || typeof engine !== 'object') return [];
  if (typeof (engine as Partial<MetricsSource>).metrics === 'function')
    return (engine as MetricsSource).metrics();
  if (typeof (engine as Partial<QueryMetricsSource>).queryMetrics !== 'function') return [];
  const queries = (engine as QueryMetricsSource).queryMetrics();
  const perQuery = (
    name: string,
    help: string,
    type: 'counter' | 'gauge',
    value: (q: (typeof queries)[number]) => number,
  ): EngineMetricSample => ({
    name,
    help,
    type,
    values: queries.map((q) => ({ labels: { query_id: q.id }, value: value(q) })),
  });
  return [
    perQuery(
      'query_records_in_total',
      'Records consumed by each persistent query',
      'counter',
      (q) => q.recordsIn,
    ),
    perQuery(
      'query_records_out_total',
      'Records produced by each persistent query',
      'counter',
      (q) => q.recordsOut,
    ),
    perQuery(
      'query_processing_errors_total',
      'Records of each persistent query sent to the processing log',
      'counter',
      (q) => q.errors,
    ),
    perQuery('query_restarts_total', 'Restarts of each persistent query', 'counter', (q) => q.restarts),
    perQuery(
      'query_commits_total',
      'Commits of each persistent query (Kafka transactions under exactly-once)',
      'counter',
      (q) => q.commits,
    ),
    perQuery(
      'query_commit_seconds_total',
      "Time each persistent query spent writing its commits (outputs, changelogs, offsets); over query_commits_total, the mean commit time — most of a query's share of freshness",
      'counter',
      (q) => q.commitSeconds,
    ),
    {
      name: 'query_state',
      help: 'State of each persistent query (1 for its current state)',
      type: 'gauge',
      values: queries.map((q) => ({ labels: { query_id: q.id, state: q.state }, value: 1 })),
    },
    {
      name: 'query_dataflow',
      help: 'The dataflow running each persistent query (1, labelled with its root query: queries fused to another run in its consumer and transactions)',
      type: 'gauge',
      values: queries.flatMap((q) =>
        q.dataflow === undefined ? [] : [{ labels: { query_id: q.id, dataflow: q.dataflow }, value: 1 }],
      ),
    },
  ];
}

/** The server's Prometheus metrics, in a registry of its own (several servers can share a process). */
export interface ServerMetrics {
  registry: Registry;
  pushQueriesOpen: Gauge;
  requests: Counter<'endpoint' | 'status'>;
  rowsSent: Counter<'endpoint'>;
  /** Streamed responses' bytes held by the server (each open response adds a reader of its own). */
  responseBuffers: Set<() => number>;
  /** Streamed responses cut because their client stopped reading (ENGINE_PUSH_STALL_TIMEOUT_MS). */
  stalledClosed: Counter;
  /** Renders the exposition text, adding what the engine reports. */
  render(engine: unknown): Promise<string>;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tally_engine_' });
  const pushQueriesOpen = new Gauge({
    name: 'tally_engine_push_queries_open',
    help: 'Push queries currently streaming to clients',
    registers: [registry],
  });
  const requests = new Counter({
    name: 'tally_engine_http_requests_total',
    help: 'HTTP requests by endpoint and response status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const rowsSent = new Counter({
    name: 'tally_engine_query_rows_sent_total',
    help: 'Query result rows written to clients',
    labelNames: ['endpoint'] as const,
    registers: [registry],
  });
  const responseBuffers = new Set<() => number>();
  new Gauge({
    name: 'tally_engine_response_buffered_bytes',
    help: 'Bytes of streamed query responses held by the server, waiting for their clients to read',
    registers: [registry],
    collect() {
      let total = 0;
      for (const bytes of responseBuffers) total += bytes();
      this.set(total);
    },
  });
  const stalledClosed = new Counter({
    name: 'tally_engine_stalled_responses_closed_total',
    help: 'Streamed query responses cut because their client stopped reading',
    registers: [registry],
  });
  return {
    registry,
    pushQueriesOpen,
    requests,
    rowsSent,
    responseBuffers,
    stalledClosed,
    render: async (engine) => {
      return (await registry.metrics()) + renderSamples(engineSamples(engine));
    },
  };
}

function renderSamples(samples: EngineMetricSample[]): string {
  const quote = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return samples
    .map((sample) => {
      const name = `tally_engine_${sample.name}`;
      const lines = [`# HELP ${name} ${sample.help}`, `# TYPE ${name} ${sample.type}`];
      for (const { labels, value } of sample.values) {
        const rendered = Object.entries(labels)
          .map(([key, v]) => `${key}="${quote(v)}"`)
          .join(',');
        lines.push(`${name}${rendered ? `{${rendered}}` : ''} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

/** `GET /metrics`: Prometheus text format; answers while the engine is still starting. */
export function metricsRoute(metrics: ServerMetrics, engine: () => unknown): Route {
  return {
    method: 'GET',
    path: '/metrics',
    endpoint: '/metrics',
    needsEngine: false,
    handle: async (_request, response) => {
      const text = await metrics.render(engine());
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(text);
    },
  };
}
