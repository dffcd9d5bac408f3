/** Bytes and encoding functions (ENCODE, TO_BYTES, FROM_BYTES, …) (ksqlDB's function reference). */
import type { ScalarFunctionSpec } from './function-spec.js';

export const bytesFunctions: ScalarFunctionSpec[] = [];
