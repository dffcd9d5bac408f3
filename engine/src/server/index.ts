export { type BasicAuth, type BasicAuthConfig, createBasicAuth } from './basic-auth.js';
export { type KafkaHealth, type KafkaHealthOptions, watchKafkaHealth } from './kafka-health.js';
export { defaultLimits, type ServerLimits } from './limits.js';
export type { EngineMetricSample, MetricsSource } from './metrics.js';
export { createKsqlServer, type KsqlServer, type KsqlServerOptions } from './server.js';
