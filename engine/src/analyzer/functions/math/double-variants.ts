/**
 * The INT / BIGINT / DOUBLE variants that most of ksqlDB's mathematical functions declare (EXP,
 * SQRT, SIN, POWER, ATAN2, …): each converts its arguments to doubles and returns a DOUBLE.
 * Declaring them all, not only DOUBLE, keeps DESCRIBE FUNCTION and call resolution as ksqlDB's (an
 * INT argument matches exactly; a DECIMAL reaches the DOUBLE variant by implicit cast).
 */
import type { VariantSpec } from '../function-spec.js';
import { num } from '../numbers.js';

const ARG_TYPES = ['INT', 'BIGINT', 'DOUBLE'] as const;

/**
 * Variants computing `fn` over doubles: one per argument type with every argument of that type
 * (`same`, as LOG and POWER), or one per combination of argument types (`every`, as ATAN2).
 */
export function doubleVariants(
  names: readonly string[],
  fn: (...args: number[]) => number,
  combine: 'same' | 'every' = 'same',
): VariantSpec[] {
  const signatures: string[][] =
    combine === 'same'
      ? ARG_TYPES.map((type) => names.map(() => type))
      : names.reduce<string[][]>((acc, _) => acc.flatMap((s) => ARG_TYPES.map((t) => [...s, t])), [[]]);
  return signatures.map((types) => ({
    params: types.map((type, i) => `${type} ${names[i]}`),
    returns: 'DOUBLE',
    impl: (args: unknown[]) => fn(...args.map(num)),
  }));
}
