/**
 * Hand-written recursive-descent parser, one `parseX` per grammar rule. Produces the AST of
 * `ast.ts`. Every statement must end with `;` (ksqlDB's `singleStatement: statement ';'`).
 */

import type {
  BinaryOp,
  ColumnDef,
  Expr,
  Join,
  ParsedStatement,
  PropertyValue,
  Relation,
  Select,
  SelectItem,
  SqlType,
  Statement,
  WindowSpec,
} from './ast.js';
import { type Token, tokenize } from './lexer.js';
import { SqlSyntaxError } from './syntax-error.js';
import { TIME_UNITS } from './time-units.js';

/** Parses a script of `;`-terminated statements. */
export function parseStatements(sql: string): ParsedStatement[] {
  const p = new Parser(sql);
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

const RESERVED_STOP = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'WINDOW',
  'EMIT',
  'LIMIT',
  'PARTITION',
  'JOIN',
  'LEFT',
  'RIGHT',
  'FULL',
  'INNER',
  'OUTER',
  'ON',
  'WITHIN',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IS',
  'BETWEEN',
  'LIKE',
  'IN',
  'THEN',
  'WHEN',
  'ELSE',
  'END',
  'SELECT',
]);

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  constructor(private readonly sql: string) {
    this.tokens = tokenize(sql);
  }

  // ---- token helpers
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
  fail(expected: string): never {
    const t = this.peek();
    const { line, col } = this.position(t.offset);
    const found = t.kind === 'eof' ? '<EOF>' : `'${t.raw}'`;
    throw new SqlSyntaxError(
      `line ${line}:${col}: Syntax Error\nmismatched input ${found} expecting ${expected}`,
      t.offset,
    );
  }
  private position(offset: number): { line: number; col: number } {
    const before = this.sql.slice(0, offset);
    const line = before.split('\n').length;
    return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
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

  // ---- statements
  parseStatement(): Statement {
    if (this.isKeyword('CREATE')) return this.parseCreate();
    if (this.isKeyword('INSERT')) return this.parseInsert();
    if (this.isKeyword('SELECT')) return { kind: 'query', query: this.parseSelect() };
    if (this.isKeyword('DROP')) return this.parseDrop();
    if (this.acceptKeyword('TERMINATE')) {
      if (this.acceptKeyword('ALL')) return { kind: 'terminate', queryId: 'ALL' };
      return { kind: 'terminate', queryId: this.parseQueryId() };
    }
    if (this.isKeyword('SHOW') || this.isKeyword('LIST')) return this.parseShow();
    if (this.acceptKeyword('DESCRIBE')) return this.parseDescribe();
    if (this.acceptKeyword('SET')) {
      const property = this.parseStringLiteral();
      this.expectOp('=');
      return { kind: 'set', property, value: this.parseStringLiteral() };
    }
    if (this.acceptKeyword('UNSET')) return { kind: 'unset', property: this.parseStringLiteral() };
    if (this.acceptKeyword('DEFINE')) {
      const name = this.parseIdentifier();
      this.expectOp('=');
      return { kind: 'define', name, value: this.parseStringLiteral() };
    }
    if (this.acceptKeyword('UNDEFINE')) return { kind: 'undefine', name: this.parseIdentifier() };
    if (this.acceptKeyword('EXPLAIN')) {
      if (this.isKeyword('SELECT') || this.isKeyword('CREATE') || this.isKeyword('INSERT')) {
        return { kind: 'explain', statement: this.parseStatement() };
      }
      return { kind: 'explain', queryId: this.parseQueryId() };
    }
    if (this.acceptKeyword('PRINT')) {
      const t = this.next();
      while (!this.isOp(';') && !this.atEof()) this.next();
      return { kind: 'print', topic: t.kind === 'ident' ? t.raw : t.text };
    }
    return this.fail('a statement');
  }

  private parseQueryId(): string {
    const t = this.next();
    if (t.kind === 'ident') return t.raw;
    if (t.kind === 'quoted' || t.kind === 'string') return t.text;
    return this.fail('a query id');
  }

  private parseCreate(): Statement {
    this.expectKeyword('CREATE');
    const orReplace = this.acceptKeyword('OR', 'REPLACE');
    const isSource = this.acceptKeyword('SOURCE');
    let sourceType: 'STREAM' | 'TABLE';
    if (this.acceptKeyword('STREAM')) sourceType = 'STREAM';
    else if (this.acceptKeyword('TABLE')) sourceType = 'TABLE';
    else return this.fail("'STREAM' or 'TABLE'");
    const ifNotExists = this.acceptKeyword('IF', 'NOT', 'EXISTS');
    const name = this.parseIdentifier();
    const columns: ColumnDef[] = [];
    if (this.acceptOp('(')) {
      do columns.push(this.parseColumnDef());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    const properties = this.acceptKeyword('WITH') ? this.parseProperties() : {};
    if (this.acceptKeyword('AS')) {
      const query = this.parseSelect();
      return { kind: 'createAs', sourceType, name, orReplace, ifNotExists, properties, query };
    }
    return { kind: 'createSource', sourceType, name, orReplace, isSource, ifNotExists, columns, properties };
  }

  parseColumnDef(): ColumnDef {
    const name = this.parseIdentifier();
    const type = this.parseType();
    if (this.acceptKeyword('PRIMARY', 'KEY')) return { name, type, constraint: 'PRIMARY KEY' };
    if (this.acceptKeyword('KEY')) return { name, type, constraint: 'KEY' };
    if (this.acceptKeyword('HEADERS')) return { name, type, constraint: 'HEADERS' };
    if (this.acceptKeyword('HEADER')) {
      this.expectOp('(');
      const headerKey = this.parseStringLiteral();
      this.expectOp(')');
      return { name, type, constraint: 'HEADER', headerKey };
    }
    return { name, type };
  }

  parseType(): SqlType {
    const t = this.peek();
    if (t.kind !== 'ident') return this.fail('a type');
    this.pos++;
    switch (t.text) {
      case 'BOOLEAN':
        return { kind: 'BOOLEAN' };
      case 'INT':
      case 'INTEGER':
        return { kind: 'INTEGER' };
      case 'BIGINT':
        return { kind: 'BIGINT' };
      case 'DOUBLE':
        return { kind: 'DOUBLE' };
      case 'STRING':
      case 'VARCHAR':
        return { kind: 'STRING' };
      case 'BYTES':
        return { kind: 'BYTES' };
      case 'TIMESTAMP':
        return { kind: 'TIMESTAMP' };
      case 'DATE':
        return { kind: 'DATE' };
      case 'TIME':
        return { kind: 'TIME' };
      case 'DECIMAL': {
        this.expectOp('(');
        const precision = Number(this.next().text);
        this.expectOp(',');
        const scale = Number(this.next().text);
        this.expectOp(')');
        return { kind: 'DECIMAL', precision, scale };
      }
      case 'ARRAY': {
        this.expectOp('<');
        const item = this.parseType();
        this.expectOp('>');
        return { kind: 'ARRAY', item };
      }
      case 'MAP': {
        this.expectOp('<');
        const key = this.parseType();
        this.expectOp(',');
        const value = this.parseType();
        this.expectOp('>');
        return { kind: 'MAP', key, value };
      }
      case 'STRUCT': {
        this.expectOp('<');
        const fields: { name: string; type: SqlType }[] = [];
        if (!this.isOp('>')) {
          do {
            const name = this.parseIdentifier();
            fields.push({ name, type: this.parseType() });
          } while (this.acceptOp(','));
        }
        this.expectOp('>');
        return { kind: 'STRUCT', fields };
      }
      default:
        this.pos--;
        return this.fail('a type');
    }
  }

  private parseProperties(): Record<string, PropertyValue> {
    this.expectOp('(');
    const props: Record<string, PropertyValue> = {};
    do {
      const t = this.next();
      const name = (t.kind === 'string' ? t.text : t.text).toUpperCase();
      this.expectOp('=');
      props[name] = this.parsePropertyValue();
    } while (this.acceptOp(','));
    this.expectOp(')');
    return props;
  }

  private parsePropertyValue(): PropertyValue {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'op' && t.text === '-' && this.peek().kind === 'number') return -Number(this.next().text);
    if (t.kind === 'ident' && (t.text === 'TRUE' || t.text === 'FALSE')) return t.text === 'TRUE';
    this.pos--;
    return this.fail('a literal');
  }

  private parseStringLiteral(): string {
    const t = this.peek();
    if (t.kind !== 'string') return this.fail('a string literal');
    this.pos++;
    return t.text;
  }

  private parseInsert(): Statement {
    this.expectKeyword('INSERT', 'INTO');
    const target = this.parseIdentifier();
    let columns: string[] | undefined;
    if (this.isOp('(')) {
      this.next();
      columns = [];
      do columns.push(this.parseIdentifier());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    if (this.acceptKeyword('VALUES')) {
      this.expectOp('(');
      const values: Expr[] = [];
      if (!this.isOp(')')) {
        do values.push(this.parseExpr());
        while (this.acceptOp(','));
      }
      this.expectOp(')');
      return columns === undefined
        ? { kind: 'insertValues', target, values }
        : { kind: 'insertValues', target, columns, values };
    }
    const properties = this.acceptKeyword('WITH') ? this.parseProperties() : {};
    return { kind: 'insertSelect', target, properties, query: this.parseSelect() };
  }

  private parseDrop(): Statement {
    this.expectKeyword('DROP');
    let sourceType: 'STREAM' | 'TABLE';
    if (this.acceptKeyword('STREAM')) sourceType = 'STREAM';
    else if (this.acceptKeyword('TABLE')) sourceType = 'TABLE';
    else return this.fail("'STREAM' or 'TABLE'");
    const ifExists = this.acceptKeyword('IF', 'EXISTS');
    const name = this.parseIdentifier();
    const deleteTopic = this.acceptKeyword('DELETE', 'TOPIC');
    return { kind: 'drop', sourceType, name, ifExists, deleteTopic };
  }

  private parseShow(): Statement {
    this.next();
    const all = this.acceptKeyword('ALL');
    const t = this.next();
    const what = t.text as Extract<Statement, { kind: 'show' }>['what'];
    if (
      !['STREAMS', 'TABLES', 'QUERIES', 'TOPICS', 'PROPERTIES', 'VARIABLES', 'FUNCTIONS', 'TYPES'].includes(
        what,
      )
    ) {
      this.pos--;
      return this.fail("'STREAMS', 'TABLES', 'QUERIES', 'TOPICS', 'PROPERTIES' or 'VARIABLES'");
    }
    return { kind: 'show', what, extended: this.acceptKeyword('EXTENDED'), all };
  }

  private parseDescribe(): Statement {
    if (this.acceptKeyword('FUNCTION')) return { kind: 'describeFunction', name: this.parseIdentifier() };
    if (
      (this.isKeyword('STREAMS') || this.isKeyword('TABLES')) &&
      (this.isOp(';', 1) || this.isKeyword('EXTENDED', 1))
    ) {
      const what = this.next().text as 'STREAMS' | 'TABLES';
      return { kind: 'show', what, extended: true, all: false };
    }
    const name = this.parseIdentifier();
    return { kind: 'describe', name, extended: this.acceptKeyword('EXTENDED') };
  }

  // ---- queries
  parseSelect(): Select {
    this.expectKeyword('SELECT');
    const items: SelectItem[] = [];
    do items.push(this.parseSelectItem());
    while (this.acceptOp(','));
    this.expectKeyword('FROM');
    const from = this.parseRelation();
    const joins: Join[] = [];
    for (;;) {
      let type: Join['type'] | undefined;
      if (this.acceptKeyword('JOIN') || this.acceptKeyword('INNER', 'JOIN')) type = 'INNER';
      else if (this.acceptKeyword('LEFT', 'OUTER', 'JOIN') || this.acceptKeyword('LEFT', 'JOIN'))
        type = 'LEFT';
      else if (this.acceptKeyword('RIGHT', 'OUTER', 'JOIN') || this.acceptKeyword('RIGHT', 'JOIN'))
        type = 'RIGHT';
      else if (this.acceptKeyword('FULL', 'OUTER', 'JOIN') || this.acceptKeyword('FULL', 'JOIN'))
        type = 'FULL';
      if (type === undefined) break;
      const right = this.parseRelation();
      let within: Join['within'];
      if (this.acceptKeyword('WITHIN')) {
        if (this.acceptOp('(')) {
          const before = this.parseDuration();
          this.expectOp(',');
          const after = this.parseDuration();
          this.expectOp(')');
          within = { before, after };
        } else {
          const d = this.parseDuration();
          within = { before: d, after: d };
        }
        if (this.acceptKeyword('GRACE', 'PERIOD')) within.grace = this.parseDuration();
      }
      this.expectKeyword('ON');
      const on = this.parseExpr();
      joins.push(within === undefined ? { type, right, on } : { type, right, on, within });
    }
    const select: Select = { kind: 'select', items, from, joins };
    if (this.acceptKeyword('WINDOW')) select.window = this.parseWindow();
    if (this.acceptKeyword('WHERE')) select.where = this.parseExpr();
    if (this.acceptKeyword('GROUP', 'BY')) select.groupBy = this.parseExprList();
    if (this.acceptKeyword('PARTITION', 'BY')) select.partitionBy = this.parseExprList();
    if (this.acceptKeyword('HAVING')) select.having = this.parseExpr();
    if (this.acceptKeyword('EMIT')) {
      if (this.acceptKeyword('CHANGES')) select.emit = 'CHANGES';
      else if (this.acceptKeyword('FINAL')) select.emit = 'FINAL';
      else this.fail("'CHANGES' or 'FINAL'");
    }
    if (this.acceptKeyword('LIMIT')) {
      const t = this.next();
      if (t.kind !== 'number') this.fail('a number');
      select.limit = Number(t.text);
    }
    return select;
  }

  /** GROUP BY / PARTITION BY items are value expressions (no AND/OR/comparisons), as in ksqlDB. */
  private parseExprList(): Expr[] {
    const list: Expr[] = [];
    const paren = this.isOp('(') && this.isParenList();
    if (paren) this.next();
    do list.push(this.parseConcat());
    while (this.acceptOp(','));
    if (paren) this.expectOp(')');
    return list;
  }

  /** `GROUP BY (a, b)`: a parenthesised list, not a parenthesised expression. */
  private isParenList(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind === 'op' && t.text === '(') depth++;
      else if (t.kind === 'op' && t.text === ')') {
        depth--;
        if (depth === 0) return false;
      } else if (t.kind === 'op' && t.text === ',' && depth === 1) return true;
    }
    return false;
  }

  private parseSelectItem(): SelectItem {
    if (this.acceptOp('*')) return { kind: 'all' };
    const t = this.peek();
    if ((t.kind === 'ident' || t.kind === 'quoted') && this.isOp('.', 1) && this.isOp('*', 2)) {
      this.pos += 3;
      return { kind: 'all', source: t.text };
    }
    const expr = this.parseExpr();
    if (this.acceptKeyword('AS')) return { kind: 'expr', expr, alias: this.parseIdentifier() };
    const a = this.peek();
    if (a.kind === 'quoted' || (a.kind === 'ident' && !RESERVED_STOP.has(a.text))) {
      this.pos++;
      return { kind: 'expr', expr, alias: a.text };
    }
    return { kind: 'expr', expr };
  }

  private parseRelation(): Relation {
    const name = this.parseIdentifier();
    this.acceptKeyword('AS');
    const a = this.peek();
    if (
      a.kind === 'quoted' ||
      (a.kind === 'ident' && !RESERVED_STOP.has(a.text) && !['WINDOW', 'EMIT', 'LIMIT'].includes(a.text))
    ) {
      this.pos++;
      return { name, alias: a.text };
    }
    return { name };
  }

  private parseDuration(): number {
    const t = this.next();
    if (t.kind !== 'number') this.fail('a number');
    const u = this.next();
    const unit = TIME_UNITS[u.text];
    if (unit === undefined) {
      this.pos--;
      return this.fail('a time unit');
    }
    return Number(t.text) * unit;
  }

  private parseWindow(): WindowSpec {
    let type: WindowSpec['type'];
    // ksqlDB's grammar allows an (ignored) window name before the window expression.
    if (this.peek().kind === 'ident' && !['TUMBLING', 'HOPPING', 'SESSION'].includes(this.peek().text))
      this.next();
    if (this.acceptKeyword('TUMBLING')) type = 'TUMBLING';
    else if (this.acceptKeyword('HOPPING')) type = 'HOPPING';
    else if (this.acceptKeyword('SESSION')) type = 'SESSION';
    else return this.fail("'TUMBLING', 'HOPPING' or 'SESSION'");
    this.expectOp('(');
    const w: WindowSpec = { type, size: 0 };
    if (type === 'SESSION') w.size = this.parseDuration();
    else {
      this.expectKeyword('SIZE');
      w.size = this.parseDuration();
      if (type === 'HOPPING') {
        this.expectOp(',');
        this.expectKeyword('ADVANCE', 'BY');
        w.advance = this.parseDuration();
      }
    }
    while (this.acceptOp(',')) {
      if (this.acceptKeyword('RETENTION')) w.retention = this.parseDuration();
      else if (this.acceptKeyword('GRACE', 'PERIOD')) w.grace = this.parseDuration();
      else if (type === 'HOPPING' && this.acceptKeyword('ADVANCE', 'BY')) w.advance = this.parseDuration();
      else this.fail("'RETENTION' or 'GRACE PERIOD'");
    }
    this.expectOp(')');
    return w;
  }

  // ---- expressions, lowest precedence first
  parseExpr(): Expr {
    return this.parseOr();
  }
  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.acceptKeyword('OR')) left = { kind: 'binary', op: 'OR', left, right: this.parseAnd() };
    return left;
  }
  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.acceptKeyword('AND')) left = { kind: 'binary', op: 'AND', left, right: this.parseNot() };
    return left;
  }
  private parseNot(): Expr {
    if (this.acceptKeyword('NOT')) return { kind: 'unary', op: 'NOT', operand: this.parseNot() };
    return this.parsePredicate();
  }
  private parsePredicate(): Expr {
    const left = this.parseConcat();
    for (const op of ['=', '<>', '!=', '<=', '>=', '<', '>'] as const) {
      if (this.acceptOp(op)) {
        return { kind: 'binary', op: op === '!=' ? '<>' : op, left, right: this.parseConcat() };
      }
    }
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      if (this.acceptKeyword('NULL')) return { kind: 'isNull', operand: left, negated };
      if (this.acceptKeyword('DISTINCT', 'FROM'))
        return { kind: 'distinctFrom', left, right: this.parseConcat(), negated };
      return this.fail("'NULL' or 'DISTINCT FROM'");
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.parseConcat();
      this.expectKeyword('AND');
      return { kind: 'between', operand: left, low, high: this.parseConcat(), negated };
    }
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.parseConcat();
      if (this.acceptKeyword('ESCAPE'))
        return { kind: 'like', operand: left, pattern, negated, escape: this.parseStringLiteral() };
      return { kind: 'like', operand: left, pattern, negated };
    }
    if (this.acceptKeyword('IN')) {
      this.expectOp('(');
      const list: Expr[] = [];
      do list.push(this.parseExpr());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { kind: 'in', operand: left, list, negated };
    }
    if (negated) this.fail("'BETWEEN', 'LIKE' or 'IN'");
    return left;
  }
  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.acceptOp('||')) left = { kind: 'binary', op: '||', left, right: this.parseAdditive() };
    return left;
  }
  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const op = this.isOp('+') ? '+' : this.isOp('-') ? '-' : undefined;
      if (op === undefined) return left;
      this.next();
      left = { kind: 'binary', op, left, right: this.parseMultiplicative() };
    }
  }
  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const op = this.isOp('*') ? '*' : this.isOp('/') ? '/' : this.isOp('%') ? '%' : undefined;
      if (op === undefined) return left;
      this.next();
      left = { kind: 'binary', op: op as BinaryOp, left, right: this.parseUnary() };
    }
  }
  private parseUnary(): Expr {
    if (this.acceptOp('-')) {
      const operand = this.parseUnary();
      if (
        operand.kind === 'literal' &&
        (operand.type === 'integer' || operand.type === 'decimal' || operand.type === 'double')
      ) {
        return {
          ...operand,
          value: operand.value.startsWith('-') ? operand.value.slice(1) : `-${operand.value}`,
        };
      }
      return { kind: 'unary', op: '-', operand };
    }
    if (this.acceptOp('+')) return this.parseUnary();
    return this.parsePostfix();
  }
  private parsePostfix(): Expr {
    let e = this.parsePrimary();
    for (;;) {
      if (this.acceptOp('->')) e = { kind: 'deref', base: e, field: this.parseIdentifier() };
      else if (this.acceptOp('[')) {
        const index = this.parseExpr();
        this.expectOp(']');
        e = { kind: 'subscript', base: e, index };
      } else return e;
    }
  }
  private parsePrimary(): Expr {
    const t = this.peek();
    if (t.kind === 'string') {
      this.pos++;
      return { kind: 'literal', type: 'string', value: t.text };
    }
    if (t.kind === 'number') {
      this.pos++;
      const type = /[eE]/.test(t.text) ? 'double' : t.text.includes('.') ? 'decimal' : 'integer';
      return { kind: 'literal', type, value: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      const lambda = this.tryLambda();
      if (lambda !== undefined) return lambda;
      this.pos++;
      const e = this.parseExpr();
      this.expectOp(')');
      return e;
    }
    if (t.kind === 'quoted') {
      this.pos++;
      return this.parseColumnRest(t.text);
    }
    if (t.kind !== 'ident') return this.fail('an expression');
    if (this.isOp('=>', 1)) {
      this.pos += 2;
      return { kind: 'lambda', params: [t.text], body: this.parseExpr() };
    }
    this.pos++;
    switch (t.text) {
      case 'NULL':
        return { kind: 'literal', type: 'null' };
      case 'TRUE':
      case 'FALSE':
        return { kind: 'literal', type: 'boolean', value: t.text === 'TRUE' };
      case 'CASE':
        return this.parseCase();
      case 'CAST': {
        this.expectOp('(');
        const operand = this.parseExpr();
        this.expectKeyword('AS');
        const type = this.parseType();
        this.expectOp(')');
        return { kind: 'cast', operand, type };
      }
      case 'STRUCT':
        if (this.isOp('(')) {
          this.next();
          const fields: { name: string; value: Expr }[] = [];
          if (!this.isOp(')')) {
            do {
              const name = this.parseIdentifier();
              this.expectOp(':=');
              fields.push({ name, value: this.parseExpr() });
            } while (this.acceptOp(','));
          }
          this.expectOp(')');
          return { kind: 'struct', fields };
        }
        break;
      case 'ARRAY':
        if (this.isOp('[')) {
          this.next();
          const items: Expr[] = [];
          if (!this.isOp(']')) {
            do items.push(this.parseExpr());
            while (this.acceptOp(','));
          }
          this.expectOp(']');
          return { kind: 'array', items };
        }
        break;
      case 'MAP':
        if (this.isOp('(')) {
          this.next();
          const entries: { key: Expr; value: Expr }[] = [];
          if (!this.isOp(')')) {
            do {
              const key = this.parseExpr();
              this.expectOp(':=');
              entries.push({ key, value: this.parseExpr() });
            } while (this.acceptOp(','));
          }
          this.expectOp(')');
          return { kind: 'map', entries };
        }
        break;
    }
    if (this.isOp('(')) return this.parseCall(t.text);
    return this.parseColumnRest(t.text);
  }
  /** `(x, y) => body`, or undefined (position unchanged) when the parenthesis is not a lambda. */
  private tryLambda(): Expr | undefined {
    const start = this.pos;
    this.pos++;
    const params: string[] = [];
    while (this.peek().kind === 'ident') {
      params.push(this.next().text);
      if (!this.acceptOp(',')) break;
    }
    if (params.length > 0 && this.acceptOp(')') && this.acceptOp('=>'))
      return { kind: 'lambda', params, body: this.parseExpr() };
    this.pos = start;
    return undefined;
  }

  private parseColumnRest(first: string): Expr {
    if (this.isOp('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')) {
      this.next();
      return { kind: 'column', source: first, name: this.parseIdentifier() };
    }
    return { kind: 'column', name: first };
  }
  private parseCall(name: string): Expr {
    this.expectOp('(');
    if (this.acceptOp('*')) {
      this.expectOp(')');
      return { kind: 'call', name, args: [], star: true };
    }
    const distinct = this.acceptKeyword('DISTINCT');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      do args.push(this.parseExpr());
      while (this.acceptOp(','));
    }
    this.expectOp(')');
    return distinct ? { kind: 'call', name, args, distinct } : { kind: 'call', name, args };
  }
  private parseCase(): Expr {
    const operand = this.isKeyword('WHEN') ? undefined : this.parseExpr();
    const whens: { when: Expr; result: Expr }[] = [];
    while (this.acceptKeyword('WHEN')) {
      const when = this.parseExpr();
      this.expectKeyword('THEN');
      whens.push({ when, result: this.parseExpr() });
    }
    if (whens.length === 0) this.fail("'WHEN'");
    const elseExpr = this.acceptKeyword('ELSE') ? this.parseExpr() : undefined;
    this.expectKeyword('END');
    const e: Expr = { kind: 'case', whens };
    if (operand !== undefined) e.operand = operand;
    if (elseExpr !== undefined) e.else = elseExpr;
    return e;
  }
}
