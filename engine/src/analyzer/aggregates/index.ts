/**
 * Aggregate functions: every built-in family loaded into the registry, and the API to declare,
 * register and resolve them. One file per family.
 */

import { attrFunctions } from './attr.js';
import { averageFunctions } from './average.js';
import { byOffsetFunctions } from './by-offset.js';
import { collectFunctions } from './collect.js';
import { correlationFunctions } from './correlation.js';
import { countFunctions } from './count.js';
import { minMaxFunctions } from './min-max.js';
import { addBuiltInAggregates } from './registry.js';
import { stddevFunctions } from './stddev.js';
import { sumFunctions } from './sum.js';
import { topkFunctions } from './topk.js';

addBuiltInAggregates([
  ...countFunctions,
  ...sumFunctions,
  ...averageFunctions,
  ...minMaxFunctions,
  ...byOffsetFunctions,
  ...collectFunctions,
  ...topkFunctions,
  ...stddevFunctions,
  ...correlationFunctions,
  ...attrFunctions,
]);

export * from './aggregate-spec.js';
export {
  aggregateArgs,
  aggregateFunction,
  aggregateFunctions,
  effectiveAggregateArgs,
  isBuiltInAggregate,
  isStreamOnly,
  registerAggregateFunction,
  resolveAggregate,
} from './registry.js';
export type { AggregateArg, AggregateDef } from './resolve.js';
