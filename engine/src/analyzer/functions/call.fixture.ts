/**
 * Calls a registered function as the evaluator does (unit tests of the family files): resolve by
 * argument types, then any null argument gives null unless the variant is null-tolerant.
 */
import type { SqlType } from '../types.js';
import { resolveScalar } from './index.js';

/** `name(values…)` with these argument types (a string literal when the type is `'literal'`). */
export function call(name: string, types: (SqlType | 'literal')[], values: unknown[]): unknown {
  const args = types.map((t) =>
    t === 'literal' ? { type: { kind: 'STRING' } as SqlType, literal: true } : { type: t, literal: false },
  );
  const r = resolveScalar(name, args);
  if (!r.nullTolerant && values.some((v) => v === null)) return null;
  return r.bind()(values);
}
