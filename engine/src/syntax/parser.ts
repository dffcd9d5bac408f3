/**
 * Hand-written recursive-descent parser, one `parseX` per grammar rule. Produces the AST of
 * `ast.ts`. Every statement must end with `;` (ksqlDB's `singleStatement: statement ';'`).
 * The grammar lives in `parser/`, one class per layer, each extending the one below:
 * `TokenCursor` → `TypeParser` → `ExpressionParser` → `QueryParser` → `StatementParser`.
 */
import type { ColumnDef, Expr, ParsedStatement, SqlType } from './ast.js';
import { StatementParser as Parser } from './parser/statement-parser.js';
import { REQUEST_START, type TextOrigin } from './position.js';

/**
 * Parses a script of `;`-terminated statements; a syntax error names its position from the start
 * of the request, where `sql` starts at `origin`; type names may be the custom `types`.
 */
export function parseStatements(
  sql: string,
  origin: TextOrigin = REQUEST_START,
  types: ReadonlyMap<string, SqlType> = new Map(),
): ParsedStatement[] {
  const p = new Parser(sql, origin, types);
  const out: ParsedStatement[] = [];
  while (!p.atEof()) {
    const start = p.peek().offset;
    const statement = p.parseStatement();
    const semi = p.expectOp(';');
    out.push({ statement, text: sql.slice(start, semi.offset + 1) });
  }
  return out;
}

/** Parses one expression (tests, DEFAULT values). */
export function parseExpression(sql: string): Expr {
  const p = new Parser(sql);
  const e = p.parseExpr();
  p.expectEof();
  return e;
}

/** Parses a type (`STRUCT<A INT>`), used for QTT schema strings. */
export function parseType(sql: string): SqlType {
  const p = new Parser(sql);
  const t = p.parseType();
  p.expectEof();
  return t;
}

/** Parses a column list `A INT KEY, B STRING` (QTT post-condition schemas). */
export function parseColumnList(sql: string): ColumnDef[] {
  const p = new Parser(sql);
  const cols: ColumnDef[] = [];
  do cols.push(p.parseColumnDef());
  while (p.acceptOp(','));
  p.expectEof();
  return cols;
}
