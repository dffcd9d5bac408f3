/**
 * The lexer: SQL text → tokens. Unquoted identifiers are upper-cased here (ksqlDB's rule), back-quoted
 * identifiers keep their case, string literals use '' as the quote escape. Comments (`--`, `/* *\/`)
 * are dropped. Every token carries its offset so errors can point at it.
 */
import { positionIn, REQUEST_START, type TextOrigin } from './position.js';
import { commentEnd, quotedEnd } from './scan.js';
import { SqlSyntaxError } from './syntax-error.js';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'variable' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier (upper-cased if unquoted), string contents, number lexeme, or operator text. */
  text: string;
  /** The original text of the token. */
  raw: string;
  offset: number;
}

const OPS = [
  '=>',
  '->',
  '<>',
  '!=',
  '<=',
  '>=',
  '||',
  ':=',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  ',',
  ';',
  '.',
  '[',
  ']',
];

/** Splits `sql` into tokens, ending with one `eof` token; errors name positions from `origin`. */
export function tokenize(sql: string, origin: TextOrigin = REQUEST_START): Token[] {
  const tokens: Token[] = [];
  const where = (offset: number): string => {
    const { line, col } = positionIn(sql, offset, origin);
    return `line ${line}:${col}`;
  };
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const afterComment = commentEnd(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    const start = i;
    if (c === "'" || c === '`' || c === '"') {
      const end = quotedEnd(sql, start);
      const string = c === "'";
      if (end < 0) {
        const what = string ? 'string literal' : 'quoted identifier';
        throw new SqlSyntaxError(`line ${positionIn(sql, start, origin).line}: unterminated ${what}`, start);
      }
      const text = sql.slice(start + 1, end - 1).replaceAll(c + c, c);
      tokens.push({ kind: string ? 'string' : 'quoted', text, raw: sql.slice(start, end), offset: start });
      i = end;
      continue;
    }
    if (isDigit(c)) {
      // ksqlDB's DIGIT_IDENTIFIER: a digit, then letters, digits, `_` or `@` (`1R`), when longer
      // than the number the same text starts with (`1e5` stays a number, `1e5x` is a name).
      let end = start + 1;
      while (end < n && /[A-Za-z0-9_@]/.test(sql[end]!)) end++;
      const number = /^\d+(?:\.\d*)?(?:[eE][-+]?\d+)?/.exec(sql.slice(start, start + 400))?.[0] ?? '';
      if (end - start > number.length) {
        const raw = sql.slice(start, end);
        tokens.push({ kind: 'ident', text: raw.toUpperCase(), raw, offset: start });
        i = end;
        continue;
      }
    }
    if (isDigit(c) || (c === '.' && isDigit(sql[i + 1] ?? ''))) {
      while (i < n && isDigit(sql[i]!)) i++;
      if (sql[i] === '.' && isDigit(sql[i + 1] ?? '')) {
        i++;
        while (i < n && isDigit(sql[i]!)) i++;
      } else if (sql[i] === '.' && !isIdentStart(sql[i + 1] ?? '')) {
        i++;
      }
      if ((sql[i] === 'e' || sql[i] === 'E') && /[-+0-9]/.test(sql[i + 1] ?? '')) {
        i++;
        if (sql[i] === '+' || sql[i] === '-') i++;
        while (i < n && isDigit(sql[i]!)) i++;
      }
      // ksqlDB's DIGIT_IDENTIFIER: a run of letters and digits that starts with a digit and is
      // longer than the number there (`1R`, `2nd`) is an identifier, as in its longest-match lexer.
      let word = start;
      while (word < n && isIdentPart(sql[word]!)) word++;
      if (word > i && isDigit(c)) {
        const raw = sql.slice(start, word);
        tokens.push({ kind: 'ident', text: raw.toUpperCase(), raw, offset: start });
        i = word;
        continue;
      }
      const raw = sql.slice(start, i);
      tokens.push({ kind: 'number', text: raw, raw, offset: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(sql[i]!)) i++;
      const raw = sql.slice(start, i);
      tokens.push({ kind: 'ident', text: raw.toUpperCase(), raw, offset: start });
      continue;
    }
    if (c === '$' && sql[i + 1] === '{') {
      const end = sql.indexOf('}', i);
      if (end < 0) {
        // Without the check `i = end + 1` restarts at 0 and the lexer never ends.
        throw new SqlSyntaxError(
          `${where(start)}: unterminated variable reference '${sql.slice(start, start + 20)}'`,
          start,
        );
      }
      const raw = sql.slice(start, end + 1);
      tokens.push({ kind: 'variable', text: raw.slice(2, -1), raw, offset: start });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => sql.startsWith(o, i));
    if (op === undefined) {
      throw new SqlSyntaxError(`${where(start)}: extraneous input '${c}'`, start);
    }
    tokens.push({ kind: 'op', text: op, raw: op, offset: start });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', raw: '', offset: n });
  return tokens;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isIdentStart(c: string): boolean {
  return /[A-Za-z_@]/.test(c);
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_@$]/.test(c);
}
