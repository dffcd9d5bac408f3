/**
 * MASK, MASK_LEFT, MASK_RIGHT, MASK_KEEP_LEFT, MASK_KEEP_RIGHT: replace upper-case letters, lower-case
 * letters, digits and other characters with mask characters (defaults X, x, n, -; a NULL mask keeps
 * that class unmasked).
 */
import { type ScalarFunctionSpec, scalar, type VariantSpec } from '../function-spec.js';
import { num } from '../numbers.js';

interface Masks {
  upper: string | null;
  lower: string | null;
  digit: string | null;
  other: string | null;
}

const DEFAULT_MASKS: Masks = { upper: 'X', lower: 'x', digit: 'n', other: '-' };

function maskChar(m: unknown): string | null {
  if (m === null) return null;
  const s = m as string;
  if (s.length !== 1)
    throw new Error(`Invalid mask character. Must be only single character, but was '${s}'`);
  return s;
}

/** Masks each UTF-16 position by its code point's class (as ksqlDB's masker walks a string). */
function maskAll(s: string, masks: Masks): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = String.fromCodePoint(s.codePointAt(i)!);
    const cls = /^\p{Lu}$/u.test(c)
      ? 'upper'
      : /^\p{Ll}$/u.test(c)
        ? 'lower'
        : /^\p{Nd}$/u.test(c)
          ? 'digit'
          : 'other';
    out += masks[cls] ?? c;
  }
  return out;
}

/** Which part of the string a function masks, given the count: [from, to). */
type Span = (length: number, n: number) => [number, number];

function maskFunction(name: string, description: string, span?: Span): ScalarFunctionSpec {
  const run = (input: unknown, n: unknown, masks: Masks): string | null => {
    if (span !== undefined) {
      if (n === null) return null;
      if (num(n) < 0)
        throw new Error(`function ${name} requires a non-negative number of characters to mask or skip`);
    }
    if (input === null) return null;
    const s = input as string;
    const [from, to] = span === undefined ? [0, s.length] : span(s.length, num(n));
    return s.slice(0, from) + maskAll(s.slice(from, to), masks) + s.slice(to);
  };
  const counted = span !== undefined;
  const head = counted ? ['STRING input', 'INT numChars'] : ['STRING input'];
  const custom = ['STRING upper', 'STRING lower', 'STRING digit', 'STRING other'];
  const variants: VariantSpec[] = [
    { params: head, returns: 'STRING', impl: ([s, n]) => run(s, counted ? n : undefined, DEFAULT_MASKS) },
    {
      params: [...head, ...custom],
      returns: 'STRING',
      nullTolerant: true,
      impl: (args) => {
        const [u, l, d, o] = args.slice(head.length).map(maskChar);
        return run(args[0], counted ? args[1] : undefined, { upper: u!, lower: l!, digit: d!, other: o! });
      },
    },
  ];
  return scalar(name, 'STRING', description, variants);
}

const RULES =
  " Default masking rules will replace all upper-case characters with 'X', all lower-case characters with 'x', all digits with 'n', and any other character with '-'.";

/** The five mask functions. */
export const maskFunctions: ScalarFunctionSpec[] = [
  maskFunction(
    'mask',
    `Returns a version of the input string with every character replaced by a mask.${RULES}`,
  ),
  maskFunction(
    'mask_left',
    `Returns a version of the input string with the specified number of characters, counting from the start of the string, masked out.${RULES}`,
    (len, n) => [0, Math.min(n, len)],
  ),
  maskFunction(
    'mask_right',
    `Returns a version of the input string with the specified number of characters, counting back from the end of the string, masked out.${RULES}`,
    (len, n) => [Math.max(0, len - n), len],
  ),
  maskFunction(
    'mask_keep_left',
    `Returns a version of the input string with all but the specified number of left-most characters masked out.${RULES}`,
    (len, n) => [Math.min(n, len), len],
  ),
  maskFunction(
    'mask_keep_right',
    `Returns a version of the input string with all but the specified number of right-most characters masked out.${RULES}`,
    (len, n) => [0, Math.max(0, len - n)],
  ),
];
