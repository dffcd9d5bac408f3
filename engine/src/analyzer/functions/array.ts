/** Array functions (ksqlDB's function reference, "Array functions"). */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

export const arrayFunctions: ScalarFunctionSpec[] = [
  scalar('array_length', 'ARRAY', 'Returns the number of elements of an array.', [
    { params: ['ARRAY<T> array'], returns: 'INT', impl: ([a]) => (a as unknown[]).length },
  ]),
];
