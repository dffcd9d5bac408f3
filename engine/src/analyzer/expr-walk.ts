/**
 * Generic traversals of the expression AST: `walk` visits every sub-expression, `rewrite` rebuilds
 * one bottom-up. Analysis (aggregate detection, qualifier removal, join prefixes) is built on them.
 */
import type { Expr } from '../syntax/index.js';

/** Visits every sub-expression. */
export function walk(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'deref':
      walk(e.base, f);
      break;
    case 'subscript':
      walk(e.base, f);
      walk(e.index, f);
      break;
    case 'call':
      for (const a of e.args) walk(a, f);
      break;
    case 'binary':
      walk(e.left, f);
      walk(e.right, f);
      break;
    case 'unary':
    case 'isNull':
      walk(e.operand, f);
      break;
    case 'between':
      walk(e.operand, f);
      walk(e.low, f);
      walk(e.high, f);
      break;
    case 'like':
      walk(e.operand, f);
      walk(e.pattern, f);
      break;
    case 'in':
      walk(e.operand, f);
      for (const x of e.list) walk(x, f);
      break;
    case 'distinctFrom':
      walk(e.left, f);
      walk(e.right, f);
      break;
    case 'case':
      if (e.operand) walk(e.operand, f);
      for (const w of e.whens) {
        walk(w.when, f);
        walk(w.result, f);
      }
      if (e.else) walk(e.else, f);
      break;
    case 'cast':
      walk(e.operand, f);
      break;
    case 'struct':
      for (const x of e.fields) walk(x.value, f);
      break;
    case 'array':
      for (const x of e.items) walk(x, f);
      break;
    case 'map':
      for (const x of e.entries) {
        walk(x.key, f);
        walk(x.value, f);
      }
      break;
    case 'lambda':
      // Its body reads columns too (column pruning must keep them); its parameters show as columns.
      walk(e.body, f);
      break;
    default:
      break;
  }
}

/** Rebuilds an expression bottom-up; `f` may replace a node (return undefined to recurse). */
export function rewrite(e: Expr, f: (e: Expr) => Expr | undefined): Expr {
  const r = f(e);
  if (r !== undefined) return r;
  const g = (x: Expr) => rewrite(x, f);
  switch (e.kind) {
    case 'deref':
      return { ...e, base: g(e.base) };
    case 'subscript':
      return { ...e, base: g(e.base), index: g(e.index) };
    case 'call':
      return { ...e, args: e.args.map(g) };
    case 'binary':
      return { ...e, left: g(e.left), right: g(e.right) };
    case 'unary':
    case 'isNull':
      return { ...e, operand: g(e.operand) };
    case 'between':
      return { ...e, operand: g(e.operand), low: g(e.low), high: g(e.high) };
    case 'like':
      return { ...e, operand: g(e.operand), pattern: g(e.pattern) };
    case 'in':
      return { ...e, operand: g(e.operand), list: e.list.map(g) };
    case 'distinctFrom':
      return { ...e, left: g(e.left), right: g(e.right) };
    case 'case': {
      const c: Expr = { kind: 'case', whens: e.whens.map((w) => ({ when: g(w.when), result: g(w.result) })) };
      if (e.operand) c.operand = g(e.operand);
      if (e.else) c.else = g(e.else);
      return c;
    }
    case 'cast':
      return { ...e, operand: g(e.operand) };
    case 'struct':
      return { ...e, fields: e.fields.map((x) => ({ name: x.name, value: g(x.value) })) };
    case 'array':
      return { ...e, items: e.items.map(g) };
    case 'map':
      return { ...e, entries: e.entries.map((x) => ({ key: g(x.key), value: g(x.value) })) };
    default:
      return e;
  }
}
