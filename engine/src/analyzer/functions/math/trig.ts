/**
 * ksqlDB's trigonometric functions and angle conversions: ACOS, ASIN, ATAN, ATAN2, COS, COSH, COT,
 * SIN, SINH, TAN, TANH, DEGREES, RADIANS — each over INT, BIGINT and DOUBLE, returning a DOUBLE
 * (NaN outside the domain, as Java's Math). ATAN2 takes every mix of the three types.
 */
import type { ScalarFunctionSpec } from '../function-spec.js';
import { scalar } from '../function-spec.js';
import { doubleVariants } from './double-variants.js';

/** Java's Math.toDegrees / toRadians constants (JDK 9+), so results match to the last bit. */
const RADIANS_TO_DEGREES = 57.29577951308232;
const DEGREES_TO_RADIANS = 0.017453292519943295;

const unary = (name: string, description: string, fn: (x: number) => number): ScalarFunctionSpec =>
  scalar(name, 'MATHEMATICAL', description, doubleVariants(['value'], fn));

export const trigFunctions: ScalarFunctionSpec[] = [
  unary('acos', 'The inverse (arc) cosine of a value.', Math.acos),
  unary('asin', 'The inverse (arc) sine of a value.', Math.asin),
  unary('atan', 'The inverse (arc) tangent of a value.', Math.atan),
  scalar(
    'atan2',
    'MATHEMATICAL',
    'The inverse (arc) tangent of y / x: the angle theta from the conversion of rectangular coordinates (x, y) to polar coordinates (radius, theta), in radians.',
    doubleVariants(['y', 'x'], Math.atan2, 'every'),
  ),
  unary('cos', 'The cosine of a value in radians.', Math.cos),
  unary('cosh', 'The hyperbolic cosine of a value.', Math.cosh),
  unary('cot', 'The cotangent of a value in radians.', (x) => Math.cos(x) / Math.sin(x)),
  unary('sin', 'The sine of a value in radians.', Math.sin),
  unary('sinh', 'The hyperbolic sine of a value.', Math.sinh),
  unary('tan', 'The tangent of a value in radians.', Math.tan),
  unary('tanh', 'The hyperbolic tangent of a value.', Math.tanh),
  unary('degrees', 'Converts a value in radians to a value in degrees.', (x) => x * RADIANS_TO_DEGREES),
  unary('radians', 'Converts a value in degrees to a value in radians.', (x) => x * DEGREES_TO_RADIANS),
];
