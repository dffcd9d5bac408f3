/**
 * Regular-expression functions (ksqlDB's function reference, "Regular expressions"), with Java's
 * pattern and replacement syntax (java-regex.ts, java-replace.ts).
 */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { groupCount, javaRegex, matches, matchesEmpty, PatternSyntaxError } from './java-regex.js';
import { javaReplaceAll } from './java-replace.js';
import { num } from './numbers.js';

/** Compiles a pattern, reporting a bad one as ksqlDB does. */
function compile(pattern: string): RegExp {
  try {
    return javaRegex(pattern);
  } catch (e) {
    if (e instanceof PatternSyntaxError) throw new Error(`Invalid regular expression pattern: ${pattern}`);
    throw e;
  }
}

/** The group to extract, or undefined when the pattern has fewer groups (the result is then NULL). */
function groupOf(re: RegExp, group: unknown): number | undefined {
  const g = group === undefined ? 0 : num(group);
  if (g > groupCount(re)) return undefined;
  if (g < 0) throw new Error(`No group ${g}`);
  return g;
}

function extract([pattern, input, group]: unknown[]): string | null {
  const re = compile(pattern as string);
  const g = groupOf(re, group);
  if (g === undefined) return null;
  const m = matches(re, input as string).next();
  return m.done ? null : (m.value[g] ?? null);
}

function extractAll([pattern, input, group]: unknown[]): (string | null)[] | null {
  const re = compile(pattern as string);
  const g = groupOf(re, group);
  if (g === undefined) return null;
  return [...matches(re, input as string)].map((m) => m[g] ?? null);
}

/**
 * REGEXP_SPLIT_TO_ARRAY: a pattern that matches the empty string splits as Java's `Pattern.split`
 * (no leading empty piece for a zero-width match at the start, trailing empty pieces dropped);
 * any other splits at every match keeping every empty piece.
 */
function regexpSplit(s: string, pattern: string): string[] {
  const re = compile(pattern);
  const emptyMatching = pattern === '' || matchesEmpty(re);
  const out: string[] = [];
  let last = 0;
  for (const m of matches(re, s)) {
    if (emptyMatching && m.index === 0 && m[0] === '') continue;
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (emptyMatching && last === 0) return [s];
  out.push(s.slice(last));
  if (emptyMatching) while (out.length > 1 && out.at(-1) === '') out.pop();
  return out;
}

const EXTRACT = ['STRING pattern', 'STRING input'];

/** REGEXP_EXTRACT, REGEXP_EXTRACT_ALL, REGEXP_REPLACE, REGEXP_SPLIT_TO_ARRAY. */
export const regexFunctions: ScalarFunctionSpec[] = [
  scalar('regexp_extract', 'REGULAR EXPRESSION', 'extract the first subtring matched by a regex pattern', [
    { params: EXTRACT, returns: 'STRING', impl: extract },
    { params: [...EXTRACT, 'INT group'], returns: 'STRING', impl: extract },
  ]),
  scalar(
    'regexp_extract_all',
    'REGULAR EXPRESSION',
    'Extracts the all subtrings matched by a regex pattern',
    [
      { params: EXTRACT, returns: 'ARRAY<STRING>', impl: extractAll },
      { params: [...EXTRACT, 'INT group'], returns: 'ARRAY<STRING>', impl: extractAll },
    ],
  ),
  scalar(
    'regexp_replace',
    'REGULAR EXPRESSION',
    'Replaces all matches of a regexp in a string with a new substring.',
    [
      {
        params: ['STRING str', 'STRING regexp', 'STRING newStr'],
        returns: 'STRING',
        impl: ([s, re, rep]) => {
          compile(re as string);
          return javaReplaceAll(s as string, re as string, rep as string);
        },
      },
    ],
  ),
  scalar(
    'regexp_split_to_array',
    'REGULAR EXPRESSION',
    'Splits a string into an array of substrings based on a regexp. If the regexp is found at the beginning of the string, end of the string, or there are contiguous matches in the string, then empty strings are added to the array. If the regexp is not found, then the original string is returned as the only element in the array. If the regexp is empty, then all characters in the string are split.',
    [
      {
        params: ['STRING string', 'STRING regexp'],
        returns: 'ARRAY<STRING>',
        impl: ([s, re]) => regexpSplit(s as string, re as string),
      },
    ],
  ),
];
