/**
 * Java's `String.replaceAll(regex, replacement)` (REGEXP_REPLACE): Java's replacement syntax, not
 * JavaScript's — `$n` and `${name}` refer to groups, `\x` is a literal x, `$$` and `$&` mean nothing.
 */
import { groupCount, javaRegex, matches } from './java-regex.js';

type Part = string | { group: number | string };

/**
 * Parses a Java replacement string: `$n` (as many digits as make a valid group), `${name}`, and
 * `\x` for a literal x. Throws as Java's `appendReplacement` does.
 */
function replacementParts(replacement: string, groups: number): Part[] {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new Error('character to be escaped is missing');
      text += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) throw new Error('Illegal group reference: group index is missing');
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        if (end < 0) throw new Error("named capturing group is missing trailing '}'");
        parts.push(text, { group: replacement.slice(i + 1, end) });
        text = '';
        i = end;
        continue;
      }
      if (!/\d/.test(replacement[i]!)) throw new Error('Illegal group reference');
      let n = Number(replacement[i]);
      if (n > groups) throw new Error(`No group ${n}`);
      while (i + 1 < replacement.length && /\d/.test(replacement[i + 1]!)) {
        const next = n * 10 + Number(replacement[i + 1]);
        if (next > groups) break;
        n = next;
        i++;
      }
      parts.push(text, { group: n });
      text = '';
    } else text += c;
  }
  parts.push(text);
  return parts;
}

/** Java's `String.replaceAll(regex, replacement)`; the pattern is compiled by `javaRegex`. */
export function javaReplaceAll(s: string, pattern: string, replacement: string): string {
  const re = javaRegex(pattern);
  const parts = replacementParts(replacement, groupCount(re));
  let out = '';
  let last = 0;
  for (const m of matches(re, s)) {
    out += s.slice(last, m.index);
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if (typeof p.group === 'number') out += m[p.group] ?? '';
      else {
        const named = m.groups?.[p.group];
        if (m.groups === undefined || !(p.group in m.groups))
          throw new Error(`No group with name {${p.group}}`);
        out += named ?? '';
      }
    }
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}
