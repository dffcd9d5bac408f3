/** String functions (ksqlDB's function reference, "String functions"); one file per group under string/. */
import type { ScalarFunctionSpec } from './function-spec.js';
import { basicStringFunctions } from './string/basic.js';
import { encodingFunctions } from './string/encoding.js';
import { maskFunctions } from './string/mask.js';
import { padFunctions } from './string/pad.js';
import { slicingFunctions } from './string/slicing.js';

export const stringFunctions: ScalarFunctionSpec[] = [
  ...basicStringFunctions,
  ...slicingFunctions,
  ...padFunctions,
  ...maskFunctions,
  ...encodingFunctions,
];
