/**
 * Evaluation of TRANSFORM / FILTER / REDUCE, typed by `analyzer/functions/lambda.ts`, with
 * ksqlDB's runtime rules: a null collection gives null (REDUCE: the initial state; a null initial
 * state gives null); FILTER keeps the entries whose lambda is true; a map result with a null value
 * or (TRANSFORM) two entries with one key is an error, as is arithmetic on a null inside a lambda
 * (ksqlDB compiles lambdas to Java, where both throw) — errors make the whole expression null and
 * are reported. Each lambda runs over the row extended by its parameters, which shadow columns.
 */
import {
  isNumeric,
  type LambdaCall,
  resolveLambdaCall,
  type TypedLambda,
  type TypeScope,
  typeOf,
  withParams,
} from '../../analyzer/index.js';
import type { Expr } from '../../syntax/index.js';
import type { Evaluator, Row } from './compile.js';

type Compile = (e: Expr, scope: TypeScope) => Evaluator;
type CallExpr = Extract<Expr, { kind: 'call' }>;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

type Guard = (row: Row) => void;

/**
 * A check that the numeric arithmetic a lambda body evaluates has no null operand — in ksqlDB,
 * which compiles lambdas to Java, a null there is an error. Only what Java evaluates is checked:
 * the right side of AND only when the left is true, of OR only when it is not, and of a CASE only
 * the operand and first condition; nested lambdas check their own bodies.
 */
function nullGuard(e: Expr, scope: TypeScope, compile: Compile): Guard | undefined {
  const all = (children: Expr[]): Guard | undefined => {
    const guards = children.map((c) => nullGuard(c, scope, compile)).filter((g) => g !== undefined);
    if (guards.length === 0) return undefined;
    return (row) => {
      for (const g of guards) g(row);
    };
  };
  if (e.kind === 'binary' && (e.op === 'AND' || e.op === 'OR')) {
    const left = nullGuard(e.left, scope, compile);
    const right = nullGuard(e.right, scope, compile);
    if (right === undefined) return left;
    const leftValue = compile(e.left, scope);
    const and = e.op === 'AND';
    return (row) => {
      left?.(row);
      if ((leftValue(row) === true) === and) right(row);
    };
  }
  const children = all(eagerChildren(e));
  const arithmetic = (e.kind === 'binary' && ARITHMETIC.has(e.op)) || (e.kind === 'unary' && e.op !== 'NOT');
  if (!arithmetic || !isNumeric(typeOf(e, scope))) return children;
  const sides = e.kind === 'binary' ? [e.left, e.right] : e.kind === 'unary' ? [e.operand] : [];
  const operands = sides.filter((x) => x.kind !== 'literal').map((x) => compile(x, scope));
  return (row) => {
    children?.(row);
    for (const operand of operands)
      if (operand(row) === null) throw new Error('Null value in arithmetic within a lambda function');
  };
}

/** The sub-expressions evaluated whenever `e` is (AND / OR are handled by `nullGuard`). */
function eagerChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'case':
      return [
        ...(e.operand === undefined ? [] : [e.operand]),
        ...(e.whens[0] === undefined ? [] : [e.whens[0].when]),
      ];
    case 'call':
      return e.args.filter((a) => a.kind !== 'lambda');
    case 'deref':
      return [e.base];
    case 'subscript':
      return [e.base, e.index];
    case 'unary':
    case 'isNull':
    case 'cast':
      return [e.operand];
    case 'struct':
      return e.fields.map((f) => f.value);
    case 'array':
      return e.items;
    default:
      return [];
  }
}

/** A lambda as a function of its parameter values over the current row. */
function compileLambda(
  l: TypedLambda<TypeScope>,
  compile: Compile,
): (row: Row, values: unknown[]) => unknown {
  const body = compile(l.body, l.scope);
  const guard = nullGuard(l.body, l.scope, compile);
  const params = l.params;
  return (row, values) => {
    const r = Object.create(row) as Row;
    for (let i = 0; i < params.length; i++) r[params[i]!] = values[i] ?? null;
    guard?.(r);
    return body(r);
  };
}

/** Builds a map from entries, refusing what Java's Collectors.toMap refuses. */
function toMap(entries: [unknown, unknown][], uniqueKeys: boolean): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  for (const [k, v] of entries) {
    if (v === null) throw new Error('Null value in a map built by a lambda function');
    if (uniqueKeys && out.has(k))
      throw new Error(`Duplicate key ${String(k)} in a map built by a lambda function`);
    out.set(k, v);
  }
  return out;
}

/** Compiles a TRANSFORM / FILTER / REDUCE call. */
export function compileLambdaCall(e: CallExpr, scope: TypeScope, compile: Compile): Evaluator {
  const call = resolveLambdaCall(e, scope, { typeOf, withParams }) as LambdaCall<TypeScope>;
  const collection = compile(e.args[0]!, scope);
  const [first, second] = call.lambdas.map((l) => compileLambda(l, compile));
  const f = first!;
  if (call.fn === 'REDUCE') {
    const initial = compile(call.initial!, scope);
    return (row) => {
      let state = initial(row);
      if (state === null) return null;
      const c = collection(row);
      if (c === null) return state;
      if (call.over === 'ARRAY') for (const x of c as unknown[]) state = f(row, [state, x]);
      else for (const [k, v] of c as Map<unknown, unknown>) state = f(row, [state, k, v]);
      return state;
    };
  }
  if (call.over === 'ARRAY') {
    if (call.fn === 'FILTER')
      return (row) => {
        const list = collection(row) as unknown[] | null;
        return list === null ? null : list.filter((x) => f(row, [x]) === true);
      };
    return (row) => {
      const list = collection(row) as unknown[] | null;
      return list === null ? null : list.map((x) => f(row, [x]));
    };
  }
  const g = second;
  return (row) => {
    const map = collection(row) as Map<unknown, unknown> | null;
    if (map === null) return null;
    const entries = [...map];
    if (g === undefined)
      return toMap(
        entries.filter(([k, v]) => f(row, [k, v]) === true),
        false,
      );
    return toMap(
      entries.map(([k, v]) => [f(row, [k, v]), g(row, [k, v])]),
      true,
    );
  };
}
