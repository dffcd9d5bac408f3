/**
 * `@tally/engine`: the embedded ksqlDB-compatible stream SQL engine over real Kafka.
 * Other packages speak to it over HTTP only; this surface serves the CLI, benchmarks and tests.
 */

export {
  type AggregateFunctionSpec,
  type AggregateImpl,
  type AggregateVariant,
  registerAggregateFunction,
  udaf,
} from './analyzer/aggregates/index.js';
export { registerFunction, type ScalarFunctionSpec, scalar } from './analyzer/functions/index.js';
export { registerScalarFunction, type ScalarDef } from './analyzer/scalar-functions.js';
export { registerTableFunction } from './analyzer/table-functions/index.js';
export { type EngineConfig, engineEnvSchema, readEngineConfig } from './config.js';
export { ErrorCodes, KsqlError } from './errors.js';
export type { KsqlEngine } from './executor/engine.js';
export { type CreateEngineOptions, createKsqlEngine } from './executor/index.js';
export { type EngineProcess, type StartOptions, startEngineProcess } from './main.js';
export { createKafkaTopicStore, type KafkaTopicStoreOptions } from './runtime/kafka/index.js';
export type { TopicStore } from './runtime/topic-store.js';
export { createKsqlServer, type KsqlServer, type KsqlServerOptions } from './server/index.js';
