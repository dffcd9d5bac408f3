/**
 * The scalar function registry with every built-in family loaded. Families are one file each;
 * aggregates (`../aggregates.ts`) and the lambda functions TRANSFORM / FILTER / REDUCE (typed
 * where lambdas are bound) are not scalar entries here.
 */
import { arrayFunctions } from './array.js';
import { bytesFunctions } from './bytes.js';
import { conditionalFunctions } from './conditional.js';
import { datetimeFunctions } from './datetime.js';
import { geoFunctions } from './geo.js';
import { jsonFunctions } from './json.js';
import { mapFunctions } from './map.js';
import { mathFunctions } from './math.js';
import { addBuiltIns } from './registry.js';
import { stringFunctions } from './string.js';
import { urlFunctions } from './url.js';

addBuiltIns([
  ...stringFunctions,
  ...mathFunctions,
  ...conditionalFunctions,
  ...datetimeFunctions,
  ...jsonFunctions,
  ...arrayFunctions,
  ...mapFunctions,
  ...bytesFunctions,
  ...urlFunctions,
  ...geoFunctions,
]);

export { formatTimestamp } from './datetime.js';
export * from './function-spec.js';
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
