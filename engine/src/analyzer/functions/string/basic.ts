/** The plain string functions: case, trimming, length, joining, picking, replacing, CHR, MD5, UUID. */
import { createHash, randomUUID } from 'node:crypto';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { num } from '../numbers.js';
import { javaTrim, replaceLiteral, unescapeJava } from './java-text.js';

/** ksqlDB's CONCAT and CONCAT_WS need two arguments at least; fewer fails the row. */
function atLeastTwo(args: unknown[], message: string): unknown[] {
  if (args.length < 2) throw new Error(message);
  return args;
}

/** Joins the non-null values with a separator (CONCAT: none), strings or bytes alike. */
function joinPresent(values: unknown[], separator: string | Buffer): string | Buffer {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (typeof separator === 'string') return present.join(separator);
  const parts: Buffer[] = [];
  present.forEach((v, i) => {
    if (i > 0) parts.push(separator);
    parts.push(v as Buffer);
  });
  return Buffer.concat(parts);
}

/**
 * INITCAP as ksqlDB: lower-cases, then capitalizes each run of non-whitespace (Java's ASCII `\s`;
 * leading whitespace is dropped).
 */
function initcap(s: string): string {
  let out = '';
  for (const m of s.toLowerCase().matchAll(/[^ \t\n\x0B\f\r]+[ \t\n\x0B\f\r]*/g))
    out += m[0][0]!.toUpperCase() + m[0].slice(1);
  return out;
}

function chrFromCode(code: number): string | null {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function chrFromText(s: string): string | null {
  return s.length < 6 || !s.startsWith('\\u') ? null : unescapeJava(s);
}

function uuidFromBytes(b: Buffer): string | null {
  if (b.length !== 16) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CONCAT_ARITY = 'Concat should have at least two input arguments.';
const CONCAT_WS_ARITY = 'Function Concat_WS expects at least two input arguments.';

/** Case, trim, length, concatenation, ELT/FIELD, REPLACE, CHR, MD5 and UUID. */
export const basicStringFunctions: ScalarFunctionSpec[] = [
  scalar('ucase', 'STRING', 'Returns the string in upper case.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => (s as string).toUpperCase() },
  ]),
  scalar('lcase', 'STRING', 'Returns the string in lower case.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => (s as string).toLowerCase() },
  ]),
  scalar('trim', 'STRING', 'Remove whitespace from the beginning and end of a string.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => javaTrim(s as string) },
  ]),
  scalar('len', 'STRING', 'Returns the length of a string or of bytes.', [
    { params: ['STRING input'], returns: 'INT', impl: ([s]) => (s as string).length },
    { params: ['BYTES input'], returns: 'INT', impl: ([s]) => (s as Buffer).length },
  ]),
  scalar(
    'initcap',
    'STRING',
    'Capitalizes the first letter of each word in a string and the rest lowercased. Words are delimited by whitespace.',
    [{ params: ['STRING str'], returns: 'STRING', impl: ([s]) => initcap(s as string) }],
  ),
  scalar('concat', 'STRING', 'Concatenate an arbitrary number of string or bytes fields together.', [
    {
      params: ['...STRING inputs'],
      returns: 'STRING',
      nullTolerant: true,
      impl: (args) => joinPresent(atLeastTwo(args, CONCAT_ARITY), ''),
    },
    {
      params: ['...BYTES inputs'],
      returns: 'BYTES',
      nullTolerant: true,
      impl: (args) => joinPresent(atLeastTwo(args, CONCAT_ARITY), Buffer.alloc(0)),
    },
  ]),
  scalar(
    'concat_ws',
    'STRING',
    'Concatenate several strings or bytes, inserting a separator passed as the first argument between each one.',
    [
      {
        params: ['...STRING inputs'],
        returns: 'STRING',
        nullTolerant: true,
        impl: (args) => {
          atLeastTwo(args, CONCAT_WS_ARITY);
          return args[0] === null ? null : joinPresent(args.slice(1), args[0] as string);
        },
      },
      {
        params: ['...BYTES inputs'],
        returns: 'BYTES',
        nullTolerant: true,
        impl: (args) => {
          atLeastTwo(args, CONCAT_WS_ARITY);
          return args[0] === null ? null : joinPresent(args.slice(1), args[0] as Buffer);
        },
      },
    ],
  ),
  scalar(
    'elt',
    'STRING',
    'ELT() returns the Nth element of the list of strings. Returns NULL if N is less than 1 or greater than the number of arguments. Note that this method is 1-indexed. This is the complement to FIELD.',
    [
      {
        params: ['INT n', '...STRING args'],
        returns: 'STRING',
        nullTolerant: true,
        impl: ([n, ...args]) => {
          if (n === null) return null;
          const i = num(n);
          return i < 1 || i > args.length ? null : (args[i - 1] ?? null);
        },
      },
    ],
  ),
  scalar(
    'field',
    'STRING',
    'Returns the position (1-indexed) of str in args, or 0 if not found. If str is NULL, the return value is 0 because NULL is not considered equal to any value. This is the compliment to ELT.',
    [
      {
        params: ['STRING str', '...STRING args'],
        returns: 'INT',
        nullTolerant: true,
        impl: ([s, ...args]) => (s === null ? 0 : args.indexOf(s) + 1),
      },
    ],
  ),
  scalar('replace', 'STRING', 'Replaces all occurrences of a substring in a string with a new substring.', [
    {
      params: ['STRING str', 'STRING oldStr', 'STRING newStr'],
      returns: 'STRING',
      impl: ([s, o, n]) => replaceLiteral(s as string, o as string, n as string),
    },
  ]),
  scalar('chr', 'STRING', 'Returns a single-character string corresponding to the input character code.', [
    { params: ['INT decimalCode'], returns: 'STRING', impl: ([c]) => chrFromCode(num(c)) },
    { params: ['STRING utf16Code'], returns: 'STRING', impl: ([s]) => chrFromText(s as string) },
  ]),
  scalar('md5', 'STRING', 'Computes the hex-encoded md5 hash of the given string', [
    {
      params: ['STRING s'],
      returns: 'STRING',
      impl: ([s]) =>
        createHash('md5')
          .update(s as string, 'utf8')
          .digest('hex'),
    },
  ]),
  scalar(
    'UUID',
    'STRING',
    'Create a Universally Unique Identifier (UUID) generated according to RFC 4122. A call to UUID() returns a value conforming to UUID version 4, sometimes called "random UUID", as described in RFC 4122. A call to UUID(bytes) returns a value conforming to UUID. The value is a 128-bit number represented as a string of five hexadecimal numbers aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.',
    [
      { params: [], returns: 'STRING', impl: () => randomUUID() },
      { params: ['BYTES bytes'], returns: 'STRING', impl: ([b]) => uuidFromBytes(b as Buffer) },
    ],
  ),
];
