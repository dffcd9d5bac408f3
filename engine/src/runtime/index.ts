/** The runtime: operators, state stores, serde, evaluation, the in-memory log. */
export * from './eval/cast.js';
export * from './eval/compare.js';
export * from './eval/compile.js';
export { MemoryTopicStore, type MemoryTopicStoreOptions } from './memory/memory-store.js';
export { murmur2Partition } from './murmur2.js';
export type { AggEntry, AggregateOperator } from './operators/aggregate.js';
export type { ErrorReporter, ResultChange } from './operators/change.js';
export { createSourceDecoder, type SourceDecoder, type SourceRow } from './operators/source-decoder.js';
export { keyPassThrough } from './operators/table-select.js';
export * from './pipeline.js';
export * from './processing-log.js';
export * from './serde/index.js';
export * from './sink.js';
export * from './snapshot/index.js';
export * from './state-store.js';
export * from './timestamp-extractor.js';
export type * from './topic-store.js';
