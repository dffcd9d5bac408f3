/**
 * The token cursor every parser layer stands on: look-ahead, keyword and operator matching, and
 * syntax errors in ksqlDB's shape (`line L:C: Syntax Error` / `mismatched input … expecting …`).
 * Also the two terminals every layer uses: identifiers and string literals.
 */
import type { SqlType } from '../ast.js';
import { type Token, tokenize } from '../lexer.js';
import { positionIn, REQUEST_START, type TextOrigin } from '../position.js';
import { SqlSyntaxError } from '../syntax-error.js';

/** ksqlDB's reserved words: never identifiers, so a misplaced one is reported by itself. */
const RESERVED_WORDS = new Set(
  (
    'SELECT FROM WHERE GROUP BY HAVING AS AND OR NOT NULL TRUE FALSE CASE WHEN THEN ELSE END IS IN ' +
    'LIKE BETWEEN CAST JOIN ON INNER OUTER LEFT RIGHT FULL CREATE INSERT INTO VALUES WITH WINDOW ' +
    'EMIT EXISTS PARTITION LIMIT WITHIN'
  ).split(' '),
);

/** The tokens of one SQL text and a position in them. */
export class TokenCursor {
  protected readonly tokens: Token[];
  protected pos = 0;
  /**
   * `origin`: where `sql` starts in its request, which error positions count from; `types`: the
   * custom types (CREATE TYPE) a type name may refer to, resolved as ksqlDB does while parsing.
   */
  constructor(
    private readonly sql: string,
    private readonly origin: TextOrigin = REQUEST_START,
    protected readonly types: ReadonlyMap<string, SqlType> = new Map(),
  ) {
    this.tokens = tokenize(sql, origin);
  }

  // ---- look-ahead and matching; `accept` moves on a match, `expect` fails without one
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  atEof(): boolean {
    return this.peek().kind === 'eof';
  }
  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.text === word;
  }
  acceptKeyword(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) if (!this.isKeyword(words[i]!, i)) return false;
    this.pos += words.length;
    return true;
  }
  expectKeyword(...words: string[]): void {
    for (const w of words) {
      if (!this.isKeyword(w)) this.fail(`'${w}'`);
      this.pos++;
    }
  }
  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === op;
  }
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }
  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`'${op}'`);
    return this.next();
  }
  expectEof(): void {
    if (!this.atEof()) this.fail('<EOF>');
  }
  /** `wantsWord`: the rule wanted a word (identifier, type name, keyword) where `expected` is. */
  fail(expected: string, wantsWord = expected === 'an identifier' || expected === 'a type'): never {
    const t = this.peek();
    if (wantsWord && t.kind === 'ident' && RESERVED_WORDS.has(t.raw.toUpperCase())) {
      // ksqlDB's message for a reserved word where a word (an identifier, a type) must be.
      const { line, col } = positionIn(this.sql, t.offset, this.origin);
      throw new SqlSyntaxError(`Syntax error at or near '${t.raw}' at line ${line}:${col + 1}`, t.offset);
    }
    this.syntaxError(`mismatched input ${t.kind === 'eof' ? '<EOF>' : `'${t.raw}'`} expecting ${expected}`);
  }
  /** ANTLR's single-token insertion error: `missing X at Y`. */
  failMissing(expected: string): never {
    this.syntaxError(`missing ${expected} at '${this.peek().raw}'`);
  }
  /**
   * An error ksqlDB raises while building the AST from the parse tree ("Failed to prepare
   * statement: line L:C: …"); its column counts from 1 twice over, one more than a syntax error's.
   */
  prepareError(message: string, offset: number): never {
    const { line, col } = positionIn(this.sql, offset, this.origin);
    throw new SqlSyntaxError(`Failed to prepare statement: line ${line}:${col + 2}: ${message}`, offset);
  }
  /** ksqlDB's syntax error at the current token: `line L:C: Syntax Error` and the detail. */
  protected syntaxError(detail: string): never {
    const { offset } = this.peek();
    const { line, col } = positionIn(this.sql, offset, this.origin);
    // Columns count from 1 here, as ksqlDB's parser errors do (its lexer's, above, from 0).
    throw new SqlSyntaxError(`line ${line}:${col + 1}: Syntax Error\n${detail}`, offset);
  }

  /** identifier: unquoted (upper-cased) or back-quoted. */
  parseIdentifier(): string {
    const t = this.peek();
    if (t.kind === 'ident' || t.kind === 'quoted') {
      this.pos++;
      return t.text;
    }
    return this.fail('an identifier');
  }

  /** string literal: `'…'`, quotes doubled inside. */
  protected parseStringLiteral(): string {
    const t = this.peek();
    if (t.kind !== 'string') return this.fail('a string literal');
    this.pos++;
    return t.text;
  }
}
