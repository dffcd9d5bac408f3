import { MigrationError } from './errors.js';

/**
 * Cuts a migration file into statements the way ksql-migrations does: at `;` outside single-quoted
 * strings (and back-quoted identifiers), with `--` line comments and `/* *\/` block comments
 * removed. Each statement keeps its final `;`. Text after the last `;` is an error.
 */
export function splitStatements(text: string, fileName = 'file'): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new MigrationError('MIGRATION_FILE', `${fileName}: unterminated /* comment`);
      current += ' ';
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '`') {
      const end = closingQuote(text, i);
      if (end < 0) {
        const what = c === "'" ? 'string literal' : 'quoted identifier';
        throw new MigrationError(
          'MIGRATION_FILE',
          `${fileName}: unterminated ${what} at '${text.slice(i, i + 40)}'`,
        );
      }
      current += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    current += c;
    i++;
    if (c === ';') {
      const statement = current.trim();
      if (statement !== ';') statements.push(statement);
      current = '';
    }
  }
  if (current.trim() !== '') {
    throw new MigrationError(
      'MIGRATION_FILE',
      `${fileName}: Unmatched command at end of file; missing semicolon: '${current.trim().slice(0, 80)}'`,
    );
  }
  return statements;
}

/** Index of the quote closing the one at `start` (doubled quotes are escapes), or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}
