/** Date and time functions (ksqlDB's function reference, "Date and time functions"). */
import type { ScalarFunctionSpec } from '../function-spec.js';
import { arithmeticFunctions } from './arithmetic.js';
import { epochFunctions } from './epoch.js';
import { formatFunctions } from './format.js';
import { parseFunctions } from './parse.js';

export { formatTimestamp } from './format.js';
export { parsePartialTimestamp } from './partial-timestamp.js';
export { checkTimestampPattern, parseTimestamp } from './timestamp-parser.js';

export const datetimeFunctions: ScalarFunctionSpec[] = [
  ...formatFunctions,
  ...parseFunctions,
  ...arithmeticFunctions,
  ...epochFunctions,
];
