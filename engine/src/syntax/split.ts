import { commentEnd, quotedEnd } from './scan.js';

/**
 * Splits a script into statements at `;` outside strings, quoted identifiers and comments.
 * Text after the last `;` that is not whitespace/comments is returned as an unterminated statement
 * (the parser then reports the missing `;`).
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '`' || c === '"') {
      const end = quotedEnd(sql, i);
      i = end < 0 ? n : end;
      continue;
    }
    const afterComment = commentEnd(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    if (c === ';') {
      out.push(sql.slice(start, i + 1).trim());
      start = i + 1;
    }
    i++;
  }
  const rest = sql.slice(start);
  if (
    rest
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() !== ''
  )
    out.push(rest.trim());
  return out;
}
