/** LPAD and RPAD, for strings and for bytes. */
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { num } from '../numbers.js';

type Side = 'left' | 'right';

/** Repeats `padding` to exactly `n` units (n ≥ 0, padding non-empty). */
function fill<T extends string | Buffer>(padding: T, n: number): T {
  if (typeof padding === 'string') return padding.repeat(Math.ceil(n / padding.length)).slice(0, n) as T;
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (padding as Buffer)[i % padding.length]!;
  return b as T;
}

/**
 * Pads `input` on one side to `length` with `padding` repeated, or truncates it to `length`
 * (keeping its start either way). NULL when the padding is empty or the length negative.
 */
function pad<T extends string | Buffer>(side: Side, input: T, length: number, padding: T | null): T | null {
  if (padding === null || padding.length === 0 || length < 0) return null;
  const cut = (v: T): T => v.slice(0, length) as T;
  const extra = fill(padding, Math.max(length - input.length, 0));
  if (typeof input === 'string') return cut((side === 'left' ? extra + input : input + extra) as T);
  const parts = side === 'left' ? [extra as Buffer, input as Buffer] : [input as Buffer, extra as Buffer];
  return cut(Buffer.concat(parts) as T);
}

function padFunction(side: Side, name: string, description: string): ScalarFunctionSpec {
  const impl = ([input, length, padding]: unknown[]) =>
    length === null
      ? null
      : pad(side, input as string | Buffer, num(length), padding as string | Buffer | null);
  return scalar(name, 'STRING', description, [
    { params: ['STRING input', 'INT length', 'STRING padding'], returns: 'STRING', impl },
    { params: ['BYTES input', 'INT length', 'BYTES padding'], returns: 'BYTES', impl },
  ]);
}

/** LPAD and RPAD. */
export const padFunctions: ScalarFunctionSpec[] = [
  padFunction(
    'left',
    'lpad',
    'Pads the input string or bytes, starting from the beginning, with the specified padding string until the target length is reached. If the input string or bytes are longer than the specified target length it will be truncated. If the padding string or bytes are empty or NULL, or the target length is negative, then NULL is returned.',
  ),
  padFunction(
    'right',
    'rpad',
    'Pads the input string or bytes, starting from the end, with the specified padding string until the target length is reached. If the input string or bytes are longer than the specified target length it will be truncated. If the padding string or bytes are empty or NULL, or the target length is negative, then NULL is returned.',
  ),
];
