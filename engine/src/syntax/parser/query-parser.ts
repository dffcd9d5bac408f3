/**
 * SELECT: the projection, FROM and JOINs (WITHIN, GRACE PERIOD), WINDOW, WHERE, GROUP BY,
 * PARTITION BY, HAVING, EMIT and LIMIT.
 */
import type { Expr, Join, Relation, Select, SelectItem, WindowSpec } from '../ast.js';
import { TIME_UNITS } from '../time-units.js';
import { ExpressionParser } from './expression-parser.js';

/** Words that end an expression, so they are never read as an implicit alias. */
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

/** The query rules. */
export class QueryParser extends ExpressionParser {
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
}
