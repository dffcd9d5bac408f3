import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, in a registry of its own (several servers may share a process). */
export interface ApiMetrics {
  registry: Registry;
  subscribers: Gauge<'field'>;
  connections: Gauge;
  operations: Counter<'type'>;
  upstreamRows: Counter<'table'>;
  upstreamRowAge: Histogram<'table'>;
  upstreamConnected: Gauge<'table'>;
  upstreamReconnects: Counter<'table'>;
  errors: Counter<'kind'>;
}

/** Creates the metrics (`/metrics`), with Node's default process metrics. */
export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tally_api_' });
  const registers = [registry];
  return {
    registry,
    subscribers: new Gauge({
      name: 'tally_api_subscribers',
      help: 'Open GraphQL subscriptions, by field.',
      labelNames: ['field'],
      registers,
    }),
    connections: new Gauge({ name: 'tally_api_ws_connections', help: 'Open graphql-ws sockets.', registers }),
    operations: new Counter({
      name: 'tally_api_operations_total',
      help: 'GraphQL operations started, by type (query, subscription).',
      labelNames: ['type'],
      registers,
    }),
    upstreamRows: new Counter({
      name: 'tally_api_upstream_rows_total',
      help: 'Rows received from ksqlDB push queries, by table.',
      labelNames: ['table'],
      registers,
    }),
    upstreamRowAge: new Histogram({
      name: 'tally_api_upstream_row_age_seconds',
      help: "Age of each change a push query delivers, by table: now minus the change's ROWTIME. For the vote-driven tables that is the voting time of the vote behind it, so this is the results' freshness from vote to API (producer and API clocks must agree).",
      labelNames: ['table'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    upstreamConnected: new Gauge({
      name: 'tally_api_upstream_connected',
      help: '1 while the push query of a table is up.',
      labelNames: ['table'],
      registers,
    }),
    upstreamReconnects: new Counter({
      name: 'tally_api_upstream_reconnects_total',
      help: 'Reconnection attempts of push queries, by table.',
      labelNames: ['table'],
      registers,
    }),
    errors: new Counter({
      name: 'tally_api_errors_total',
      help: 'Errors, by kind (graphql, upstream, websocket, http).',
      labelNames: ['kind'],
      registers,
    }),
  };
}
