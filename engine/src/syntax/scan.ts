/**
 * The two scanning rules the lexer and the statement splitter share: where a comment ends, and
 * where a quoted run (string literal or quoted identifier, its quote doubled inside) ends.
 */

/** The index a comment starting at `i` ends at (`--` up to the newline, `/* … *\/` past it); `i` when none starts there. */
export function commentEnd(sql: string, i: number): number {
  if (sql[i] === '-' && sql[i + 1] === '-') {
    let j = i;
    while (j < sql.length && sql[j] !== '\n') j++;
    return j;
  }
  if (sql[i] === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/**
 * The index just past the closing quote of the quoted run starting at `start` (its quote is
 * `sql[start]`; a doubled quote inside stands for one); -1 when the run is not closed.
 */
export function quotedEnd(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else i++;
  }
  return -1;
}
