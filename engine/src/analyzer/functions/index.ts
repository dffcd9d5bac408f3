/**
 * The scalar function registry with every built-in family loaded. Families are one file each;
 * aggregates (`../aggregates.ts`) are not scalar entries here; the lambda functions TRANSFORM /
 * FILTER / REDUCE are listed here but typed and evaluated where their lambdas are bound.
 */
import { arrayFunctions } from './array.js';
import { bytesFunctions } from './bytes.js';
import { conditionalFunctions } from './conditional.js';
import { datetimeFunctions } from './datetime/index.js';
import { geoFunctions } from './geo.js';
import { jsonFunctions } from './json.js';
import { lambdaFunctions } from './lambda.js';
import { mapFunctions } from './map.js';
import { mathFunctions } from './math.js';
import { regexFunctions } from './regex.js';
import { addBuiltIns } from './registry.js';
import { stringFunctions } from './string.js';
import { urlFunctions } from './url.js';

addBuiltIns([
  ...stringFunctions,
  ...regexFunctions,
  ...mathFunctions,
  ...conditionalFunctions,
  ...datetimeFunctions,
  ...jsonFunctions,
  ...arrayFunctions,
  ...mapFunctions,
  ...lambdaFunctions,
  ...bytesFunctions,
  ...urlFunctions,
  ...geoFunctions,
]);

export {
  checkTimestampPattern,
  formatTimestamp,
  parsePartialTimestamp,
  parseTimestamp,
} from './datetime/index.js';
export * from './function-spec.js';
export { INTERVAL_UNIT_TYPE, timeUnitName } from './interval-unit.js';
export {
  hasLambdaArg,
  type LambdaCall,
  type LambdaFunction,
  type LambdaTyping,
  resolveLambdaCall,
  type TypedLambda,
} from './lambda.js';
export {
  describeVariant,
  hasScalarFunction,
  isBuiltIn,
  type ResolvedScalar,
  registerFunction,
  resolveScalar,
  resolveSpec,
  scalarFunctions,
} from './registry.js';
export type { ArgInfo } from './signature.js';
