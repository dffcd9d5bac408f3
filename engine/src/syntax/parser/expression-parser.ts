/**
 * Expressions, lowest precedence first: OR, AND, NOT, predicates (comparisons, IS [NOT] NULL,
 * IS [NOT] DISTINCT FROM, BETWEEN, LIKE, IN), `||`, `+ -`, `* / %`, unary minus (folded into
 * numeric literals), postfix `->field` and `[index]`, then primaries: literals, columns, calls,
 * CASE, CAST, STRUCT/ARRAY/MAP constructors and lambdas.
 */
import type { BinaryOp, Expr } from '../ast.js';
import { TypeParser } from './type-parser.js';

/** The expression rules. */
export class ExpressionParser extends TypeParser {
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
  protected parseConcat(): Expr {
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
  /** A numeric literal, rejected as ksqlDB does when it overflows BIGINT or DOUBLE. */
  private numericLiteral(text: string, offset: number): Expr {
    const unsigned = text.replace(/^-/, '');
    const type = /[eE]/.test(unsigned) ? 'double' : unsigned.includes('.') ? 'decimal' : 'integer';
    // The literal's magnitude is read unsigned, so not even BIGINT's minimum has a literal.
    if (type === 'integer' && BigInt(unsigned) > 9223372036854775807n)
      this.prepareError(`Invalid numeric literal: ${text}`, offset);
    if (type === 'double' && !Number.isFinite(Number(unsigned)))
      this.prepareError(`Number overflows DOUBLE: ${text}`, offset);
    return { kind: 'literal', type, value: text };
  }
  private parseUnary(): Expr {
    const minus = this.peek();
    if (minus.kind === 'op' && minus.text === '-' && this.peek(1).kind === 'number') {
      this.pos++;
      const t = this.next();
      return this.numericLiteral(`-${t.text}`, minus.offset);
    }
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
      return this.numericLiteral(t.text, t.offset);
    }
    if (t.kind === 'op' && t.text === '(') {
      const lambda = this.tryLambda();
      if (lambda !== undefined) return lambda;
      this.pos++;
      const e = this.parseExpr();
      // ANTLR reports a missing token when what it found may follow it: a ',' may follow the ')' in
      // the lists parenthesized expressions stand in (`GROUP BY f3, (f2, f1)`).
      if (this.isOp(',')) this.failMissing("')'");
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
