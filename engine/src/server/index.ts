export type { EngineMetricSample, MetricsSource } from './metrics.js';
export { createKsqlServer, type KsqlServer, type KsqlServerOptions } from './server.js';
