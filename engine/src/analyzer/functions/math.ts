/**
 * Mathematical functions (ksqlDB's function reference, "Mathematical functions"), one file per
 * kind under `math/`: elementary functions, rounding, trigonometry, GREATEST / LEAST.
 */
import type { ScalarFunctionSpec } from './function-spec.js';
import { basicMathFunctions } from './math/basic.js';
import { extremeFunctions } from './math/extremes.js';
import { roundingFunctions } from './math/rounding.js';
import { trigFunctions } from './math/trig.js';

export const mathFunctions: ScalarFunctionSpec[] = [
  ...basicMathFunctions,
  ...roundingFunctions,
  ...trigFunctions,
  ...extremeFunctions,
];
