/**
 * Where a text starts in the request it came in: the lines before it and its column on its first
 * line (both 0-based). ksqlDB parses a request as one script, so a statement's syntax error names
 * its line and column in the request, not in the statement.
 */
export interface TextOrigin {
  line: number;
  col: number;
}

/** A text that is the whole request. */
export const REQUEST_START: TextOrigin = { line: 0, col: 0 };

/** The 1-based line and 0-based column of `offset` in `sql`, counted from the request's start. */
export function positionIn(
  sql: string,
  offset: number,
  origin: TextOrigin = REQUEST_START,
): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < sql.length; i++) {
    if (sql.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line: line + origin.line, col: offset - lineStart + (line === 1 ? origin.col : 0) };
}
