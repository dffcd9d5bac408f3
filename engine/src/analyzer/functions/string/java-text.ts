/** Java's String semantics where JavaScript's differ, shared by the string functions. */

/** Java's `String.trim()`: strips every character up to U+0020 (controls too), and nothing else. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

/** Java's `String.replace(target, replacement)`: literal, every occurrence, an empty target between every char. */
export function replaceLiteral(s: string, target: string, replacement: string): string {
  if (target === '') return replacement + s.split('').join(replacement) + (s === '' ? '' : replacement);
  return s.split(target).join(replacement);
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };

/**
 * Java-source unescaping (commons-lang `unescapeJava`, which CHR uses): `\uXXXX` (any number of
 * u's), octal `\0`–`\377`, `\b \t \n \f \r`, and a backslash before anything else is dropped.
 */
export function unescapeJava(s: string): string {
  return s.replace(
    /\\(u+([0-9a-fA-F]{0,4})|[0-3][0-7]{0,2}|[4-7][0-7]?|[\s\S]?)/g,
    (_m, body: string, hex) => {
      if (body.startsWith('u')) {
        if (hex === undefined || hex.length < 4)
          throw new Error(`Less than 4 hex digits in unicode value: '\\${body}' due to end of CharSequence`);
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      if (/^[0-7]/.test(body)) return String.fromCharCode(Number.parseInt(body, 8));
      return SIMPLE_ESCAPES[body] ?? body;
    },
  );
}
