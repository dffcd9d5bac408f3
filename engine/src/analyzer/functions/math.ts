/** Mathematical functions (ksqlDB's function reference, "Mathematical functions"). */

import { Decimal } from '../values.js';
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { num } from './numbers.js';

const sameType = (args: readonly { kind: string }[]) => args[0] as never;

export const mathFunctions: ScalarFunctionSpec[] = [
  scalar('abs', 'MATHEMATICAL', 'Returns the absolute value of its argument.', [
    { params: ['INT input'], returns: 'INT', impl: ([v]) => Math.abs(v as number) },
    { params: ['BIGINT input'], returns: 'BIGINT', impl: ([v]) => ((v as bigint) < 0n ? -(v as bigint) : v) },
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.abs(v as number) },
    {
      params: ['DECIMAL input'],
      returns: sameType,
      impl: ([v]) => {
        const d = v as Decimal;
        return new Decimal(d.unscaled < 0n ? -d.unscaled : d.unscaled, d.scale);
      },
    },
  ]),
  scalar('floor', 'MATHEMATICAL', 'Returns the largest integer value not greater than the argument.', [
    { params: ['INT input'], returns: 'INT', impl: ([v]) => v },
    { params: ['BIGINT input'], returns: 'BIGINT', impl: ([v]) => v },
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.floor(v as number) },
    {
      params: ['DECIMAL input'],
      returns: sameType,
      impl: ([v]) => Decimal.fromNumber(Math.floor(num(v))).withScale((v as Decimal).scale),
    },
  ]),
  scalar('ceil', 'MATHEMATICAL', 'Returns the smallest integer value not less than the argument.', [
    { params: ['INT input'], returns: 'INT', impl: ([v]) => v },
    { params: ['BIGINT input'], returns: 'BIGINT', impl: ([v]) => v },
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.ceil(v as number) },
    {
      params: ['DECIMAL input'],
      returns: sameType,
      impl: ([v]) => Decimal.fromNumber(Math.ceil(num(v))).withScale((v as Decimal).scale),
    },
  ]),
  scalar(
    'round',
    'MATHEMATICAL',
    'Rounds a number to the nearest integer or to a number of decimal places.',
    [
      { params: ['INT input'], returns: 'INT', impl: ([v]) => v },
      { params: ['BIGINT input'], returns: 'BIGINT', impl: ([v]) => v },
      { params: ['DOUBLE input'], returns: 'BIGINT', impl: ([v]) => BigInt(Math.round(v as number)) },
      {
        params: ['DOUBLE input', 'INT decimalPlaces'],
        returns: 'DOUBLE',
        impl: ([v, d]) => {
          const f = 10 ** num(d);
          return Math.round((v as number) * f) / f;
        },
      },
      { params: ['DECIMAL input'], returns: sameType, impl: ([v]) => v },
    ],
  ),
  scalar('exp', 'MATHEMATICAL', 'Returns e raised to the power of the argument.', [
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.exp(num(v)) },
  ]),
  scalar('sqrt', 'MATHEMATICAL', 'Returns the square root of the argument.', [
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.sqrt(num(v)) },
  ]),
  scalar('ln', 'MATHEMATICAL', 'Returns the natural logarithm of the argument.', [
    { params: ['DOUBLE input'], returns: 'DOUBLE', impl: ([v]) => Math.log(num(v)) },
  ]),
];
