/** SUBSTRING, INSTR, SPLIT and SPLIT_TO_MAP: positions and pieces of strings (and bytes). */
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { num } from '../numbers.js';

/**
 * SUBSTRING's bounds: `pos` is 1-based, a negative `pos` counts from the end, both ends clamp to
 * the value; a negative length gives the empty value.
 */
function substring<T extends string | Buffer>(v: T, pos: number, length?: number): T {
  const start = pos < 0 ? Math.max(v.length + pos, 0) : Math.max(Math.min(pos - 1, v.length), 0);
  const end = length === undefined ? v.length : Math.max(Math.min(start + length, v.length), start);
  return (typeof v === 'string' ? v.slice(start, end) : Buffer.from((v as Buffer).subarray(start, end))) as T;
}

/** commons-lang `substring(s, start)`: a negative start counts from the end. */
function tail(s: string, start: number): string {
  const from = start < 0 ? Math.max(s.length + start, 0) : start;
  return from > s.length ? '' : s.slice(from);
}

/** commons-lang `ordinalIndexOf`: where the n-th (overlapping) occurrence starts, or -1. */
function ordinalIndexOf(s: string, sub: string, n: number): number {
  if (n <= 0) return -1;
  if (sub === '') return 0;
  let index = -1;
  for (let found = 0; found < n; found++) {
    index = s.indexOf(sub, index + 1);
    if (index < 0) return -1;
  }
  return index;
}

const reverse = (s: string) => [...s].reverse().join('');

/**
 * INSTR: the 1-based position of the `occurrence`-th `sub` in `s` searching from `position` (a
 * negative position searches backwards from that far from the end), 0 when absent or out of range.
 */
function instr(s: string | null, sub: string | null, position: number, occurrence: number): number {
  if (s === null || sub === null) return 0;
  if (Math.abs(position) > s.length) return 0;
  const reversed = position < 0;
  const p = reversed ? -position : position;
  const hay = reversed ? reverse(s) : s;
  const i = ordinalIndexOf(tail(hay, p - 1), reversed ? reverse(sub) : sub, occurrence);
  if (i === -1) return 0;
  return reversed ? hay.length - p - i - sub.length + 2 : i + p;
}

function instrImpl([s, sub, position, occurrence]: unknown[]): number | null {
  if (position === null || occurrence === null) return null;
  const p = position === undefined ? 1 : num(position);
  const o = occurrence === undefined ? 1 : num(occurrence);
  return instr(s as string | null, sub as string | null, p, o);
}

/** SPLIT on a literal delimiter; an empty delimiter splits every character (and '' gives ['']). */
function splitString(s: string, delimiter: string): string[] {
  if (delimiter === '') return s === '' ? [''] : s.split('');
  return s.split(delimiter);
}

function splitBytes(b: Buffer, delimiter: Buffer): Buffer[] {
  if (b.length === 0) return [Buffer.alloc(0)];
  if (delimiter.length === 0) return [...b].map((x) => Buffer.from([x]));
  const out: Buffer[] = [];
  let from = 0;
  for (let at = b.indexOf(delimiter, from); at >= 0; at = b.indexOf(delimiter, from)) {
    out.push(Buffer.from(b.subarray(from, at)));
    from = at + delimiter.length;
  }
  out.push(Buffer.from(b.subarray(from)));
  return out;
}

/** SPLIT_TO_MAP: entries split on one delimiter, key and value on the other; the last key wins. */
function splitToMap(s: string, entryDelimiter: string, kvDelimiter: string): Map<string, string> | null {
  if (entryDelimiter === '' || kvDelimiter === '' || entryDelimiter === kvDelimiter) return null;
  const map = new Map<string, string>();
  for (const entry of s.split(entryDelimiter)) {
    if (entry === '' || !entry.includes(kvDelimiter)) continue;
    const [k, v] = entry.split(kvDelimiter);
    map.set(k!, v!);
  }
  return map;
}

/** SUBSTRING, INSTR, SPLIT, SPLIT_TO_MAP. */
export const slicingFunctions: ScalarFunctionSpec[] = [
  scalar('substring', 'STRING', 'Returns a substring of the passed in value.', [
    {
      params: ['STRING str', 'INT pos'],
      returns: 'STRING',
      impl: ([s, pos]) => substring(s as string, num(pos)),
    },
    {
      params: ['STRING str', 'INT pos', 'INT length'],
      returns: 'STRING',
      impl: ([s, pos, len]) => substring(s as string, num(pos), num(len)),
    },
    {
      params: ['BYTES bytes', 'INT pos'],
      returns: 'BYTES',
      impl: ([b, pos]) => substring(b as Buffer, num(pos)),
    },
    {
      params: ['BYTES bytes', 'INT pos', 'INT length'],
      returns: 'BYTES',
      impl: ([b, pos, len]) => substring(b as Buffer, num(pos), num(len)),
    },
  ]),
  scalar('instr', 'STRING', 'Returns the position of substring in the provided string', [
    { params: ['STRING str', 'STRING substring'], returns: 'INT', nullTolerant: true, impl: instrImpl },
    {
      params: ['STRING str', 'STRING substring', 'INT position'],
      returns: 'INT',
      nullTolerant: true,
      impl: instrImpl,
    },
    {
      params: ['STRING str', 'STRING substring', 'INT position', 'INT occurrence'],
      returns: 'INT',
      nullTolerant: true,
      impl: instrImpl,
    },
  ]),
  scalar(
    'split',
    'STRING',
    'Splits a string or bytes into an array of substrings or bytes based on a delimiter. If the delimiter is found at the beginning of the string/bytes, end of the string/bytes, or there are contiguous delimiters in the string/bytes, then empty strings/bytes are added to the array. If the delimiter is not found, then the original string or bytes is returned as the only element in the array. If the delimiter is empty, then all characters or bytes in the string or bytes are split.',
    [
      {
        params: ['STRING string', 'STRING delimiter'],
        returns: 'ARRAY<STRING>',
        impl: ([s, d]) => splitString(s as string, d as string),
      },
      {
        params: ['BYTES bytes', 'BYTES delimiter'],
        returns: 'ARRAY<BYTES>',
        impl: ([b, d]) => splitBytes(b as Buffer, d as Buffer),
      },
    ],
  ),
  scalar(
    'split_to_map',
    'STRING',
    "Splits a string into key-value pairs and creates a map from them. The 'entryDelimiter' splits the string into key-value pairs which are then split by 'kvDelimiter'. If the same key is present multiple times in the input, the latest value for that key is returned. Returns NULL if the input text or either of the delimiters is NULL.",
    [
      {
        params: ['STRING input', 'STRING entryDelimiter', 'STRING kvDelimiter'],
        returns: 'MAP<STRING, STRING>',
        impl: ([s, e, kv]) => splitToMap(s as string, e as string, kv as string),
      },
    ],
  ),
];
