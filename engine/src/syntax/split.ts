import { positionIn, type TextOrigin } from './position.js';
import { commentEnd, quotedEnd } from './scan.js';

/**
 * Splits a script into statements at `;` outside strings, quoted identifiers and comments.
 * Text after the last `;` that is not whitespace/comments is returned as an unterminated statement
 * (the parser then reports the missing `;`).
 */
export function splitStatements(sql: string): string[] {
  return splitStatementsAt(sql).map((s) => s.text);
}

/** A statement of a script, and where it starts there (0-based line and column). */
export interface ScriptStatement extends TextOrigin {
  text: string;
}

/** `splitStatements`, with where each statement starts in the script (for error positions). */
export function splitStatementsAt(sql: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  const at = (from: number, to: number): ScriptStatement => {
    const raw = sql.slice(from, to);
    const begin = from + (raw.length - raw.trimStart().length);
    const { line, col } = positionIn(sql, begin);
    return { text: raw.trim(), line: line - 1, col };
  };
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
      out.push(at(start, i + 1));
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
    out.push(at(start, n));
  return out;
}
