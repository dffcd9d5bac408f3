/** The analyzer's public surface: types, values, functions, sources and query analysis. */
export * from './aggregates.js';
export * from './analyze-join.js';
export * from './analyze-query.js';
export * from './analyze-select.js';
export * from './analyzed-query.js';
export * from './coercion.js';
export * from './expr-type.js';
export * from './expr-walk.js';
export { checkDuplicates } from './result-columns.js';
export * from './scalar-functions.js';
export * from './source.js';
export * from './source-scope.js';
export * from './type-error.js';
export * from './types.js';
export * from './values.js';
