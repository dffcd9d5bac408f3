/** Map functions (ksqlDB's function reference). */
import type { ScalarFunctionSpec } from './function-spec.js';

export const mapFunctions: ScalarFunctionSpec[] = [];
