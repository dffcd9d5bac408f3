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

/**
 * The operands of the numeric arithmetic a lambda body always evaluates (not under a CASE branch,
 * the right side of AND / OR, or a nested lambda): in ksqlDB a null there is an error.
 */
function strictOperands(body: Expr, scope: TypeScope): Expr[] {
  const out: Expr[] = [];
  const pending: Expr[] = [body];
  for (let e = pending.pop(); e !== undefined; e = pending.pop()) {
    if (e.kind === 'binary' && ARITHMETIC.has(e.op) && isNumeric(typeOf(e, scope)))
      for (const side of [e.left, e.right]) if (side.kind !== 'literal') out.push(side);
    pending.push(...eagerChildren(e));
  }
  return out;
}

/** The sub-expressions evaluated whenever `e` is. */
function eagerChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'binary':
      return e.op === 'AND' || e.op === 'OR' ? [e.left] : [e.left, e.right];
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
  const guards = strictOperands(l.body, l.scope).map((e) => compile(e, l.scope));
  const params = l.params;
  return (row, values) => {
    const r = Object.create(row) as Row;
    for (let i = 0; i < params.length; i++) r[params[i]!] = values[i] ?? null;
    for (const g of guards)
      if (g(r) === null) throw new Error('Null value in arithmetic within a lambda function');
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
