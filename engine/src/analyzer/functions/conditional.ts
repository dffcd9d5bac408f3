/** Null handling and conditional functions (COALESCE, IFNULL, NULLIF) and AS_VALUE. */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

export const conditionalFunctions: ScalarFunctionSpec[] = [
  scalar('coalesce', 'CONDITIONAL', 'Returns the first non-null argument.', [
    {
      params: ['T first', '...T others'],
      returns: 'T',
      nullTolerant: true,
      impl: (args) => args.find((a) => a !== null) ?? null,
    },
  ]),
  scalar('ifnull', 'CONDITIONAL', 'Returns the first argument, or the second when the first is null.', [
    {
      params: ['T expression', 'T altValue'],
      returns: 'T',
      nullTolerant: true,
      impl: ([a, b]) => (a === null ? (b ?? null) : a),
    },
  ]),
  scalar('as_value', 'OTHER', 'Copies a key column into the value of the result.', [
    { params: ['T source'], returns: 'T', nullTolerant: true, impl: ([v]) => v },
  ]),
];
