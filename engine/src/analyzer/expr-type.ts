/**
 * Type inference for expressions over a scope of named columns. Throws `KsqlTypeError` with
 * ksqlDB's messages for unknown columns/fields.
 */
import { type Expr, printExpr, printType } from '../syntax/index.js';
import {
  aggregateArgs,
  aggregateFunction,
  effectiveAggregateArgs,
  resolveAggregate,
} from './aggregates/index.js';
import { type ArgInfo, INTERVAL_UNIT_TYPE, resolveScalar, timeUnitName } from './functions/index.js';
import { resolveLambdaCall } from './functions/lambda.js';
import { resolveTableFunction, tableFunction } from './table-functions/index.js';
import { KsqlTypeError } from './type-error.js';
import { isNumeric, NULL_TYPE, type SqlType, T, widenNumeric } from './types.js';

/** Resolves column references to types. */
export interface TypeScope {
  /** Type of a column, or undefined if unknown. `source` is the qualifier as written. */
  column(name: string, source: string | undefined): SqlType | undefined;
}

/** A scope backed by a name → type map (qualifiers accepted when in `qualifiers`). */
export function mapScope(
  columns: Map<string, SqlType>,
  qualifiers: ReadonlySet<string> = new Set(),
): TypeScope {
  return {
    column: (name, source) =>
      source === undefined || qualifiers.has(source) ? columns.get(name) : undefined,
  };
}

export { NULL_TYPE };

/** The literal integer type: INTEGER if it fits in 32 bits, else BIGINT. */
function integerLiteralType(text: string): SqlType {
  const v = BigInt(text);
  return v >= -2147483648n && v <= 2147483647n ? T.INTEGER : T.BIGINT;
}

export function decimalLiteralType(text: string): SqlType {
  const t = text.replace(/^-/, '');
  const [i = '', f = ''] = t.split('.');
  const intDigits = i.replace(/^0+/, '').length;
  return { kind: 'DECIMAL', precision: Math.max(intDigits + f.length, 1), scale: f.length };
}

function literalType(e: Extract<Expr, { kind: 'literal' }>): SqlType {
  switch (e.type) {
    case 'string':
      return T.STRING;
    case 'integer':
      return integerLiteralType(e.value);
    case 'decimal':
      return decimalLiteralType(e.value);
    case 'double':
      return T.DOUBLE;
    case 'boolean':
      return T.BOOLEAN;
    case 'null':
      return NULL_TYPE;
  }
}

/** The SQL type of an expression over `scope`. */
export function typeOf(e: Expr, scope: TypeScope): SqlType {
  switch (e.kind) {
    case 'literal':
      return literalType(e);
    case 'column': {
      const t = scope.column(e.name, e.source);
      if (t === undefined) {
        const full = e.source === undefined ? e.name : `${e.source}.${e.name}`;
        throw new KsqlTypeError(`Cannot resolve column ${full}`);
      }
      return t;
    }
    case 'deref': {
      const base = typeOf(e.base, scope);
      if (base.kind !== 'STRUCT')
        throw new KsqlTypeError(`Expected STRUCT type for dereference, found ${base.kind}: ${printExpr(e)}`);
      const f =
        base.fields.find((x) => x.name === e.field) ??
        base.fields.find((x) => x.name.toUpperCase() === e.field.toUpperCase());
      if (f === undefined)
        throw new KsqlTypeError(`Could not find field '${e.field}' in '${printExpr(e.base)}'.`);
      return f.type;
    }
    case 'subscript': {
      const base = typeOf(e.base, scope);
      if (base.kind === 'ARRAY') return base.item;
      if (base.kind === 'MAP') return base.value;
      throw new KsqlTypeError(`Subscript expression expects ARRAY or MAP, found ${base.kind}`);
    }
    case 'call': {
      const lambdaType = lambdaCallType(e, scope);
      if (lambdaType !== undefined) return lambdaType;
      if (aggregateFunction(e.name) !== undefined) {
        const aggArgs = effectiveAggregateArgs(e.name, e.args, e.star === true);
        const types = aggArgs.map((a) => typeOf(a, scope));
        return resolveAggregate(e.name, aggregateArgs(aggArgs, types)).returnType();
      }
      const args = callArgTypes(e.args, scope);
      if (tableFunction(e.name) !== undefined)
        return resolveTableFunction(e.name, callArgs(e.args, args)).returnType;
      return resolveScalar(e.name, callArgs(e.args, args)).returnType;
    }
    case 'binary': {
      if (['AND', 'OR', '=', '<>', '<', '<=', '>', '>='].includes(e.op)) {
        typeOf(e.left, scope);
        typeOf(e.right, scope);
        return T.BOOLEAN;
      }
      const l = typeOf(e.left, scope);
      const r = typeOf(e.right, scope);
      const isNull = (x: Expr) => x.kind === 'literal' && x.type === 'null';
      if (isNull(e.left) || isNull(e.right)) {
        const name = (x: Expr, t: SqlType) => (isNull(x) ? 'null' : printType(t));
        throw new KsqlTypeError(
          `Error processing expression: ${printExpr(e)}. Arithmetic on types ${name(e.left, l)} and ${name(e.right, r)} are not supported.`,
        );
      }
      if (e.op === '||') return T.STRING;
      if (e.op === '+' && (l.kind === 'STRING' || r.kind === 'STRING')) return T.STRING;
      if (isNumeric(l) && isNumeric(r)) {
        const w = widenNumeric(l, r);
        if (w.kind === 'DECIMAL' && l.kind === 'DECIMAL' && r.kind === 'DECIMAL')
          return decimalArithmeticType(e.op, l, r);
        if (w.kind === 'DECIMAL')
          return decimalArithmeticType(
            e.op,
            widenNumeric(
              l,
              l.kind === 'DECIMAL'
                ? l
                : { kind: 'DECIMAL', precision: l.kind === 'INTEGER' ? 10 : 19, scale: 0 },
            ) as DecimalT,
            widenNumeric(
              r,
              r.kind === 'DECIMAL'
                ? r
                : { kind: 'DECIMAL', precision: r.kind === 'INTEGER' ? 10 : 19, scale: 0 },
            ) as DecimalT,
          );
        return w;
      }
      if (l === NULL_TYPE) return r;
      if (r === NULL_TYPE) return l;
      throw new KsqlTypeError(
        `Error processing expression: ${printExpr(e)}. Unsupported arithmetic types. ${l.kind} ${r.kind}`,
      );
    }
    case 'unary':
      return e.op === 'NOT' ? T.BOOLEAN : typeOf(e.operand, scope);
    case 'isNull':
    case 'between':
    case 'like':
    case 'in':
    case 'distinctFrom':
      return T.BOOLEAN;
    case 'case': {
      for (const w of e.whens) {
        const t = typeOf(w.result, scope);
        if (t !== NULL_TYPE) return t;
      }
      return e.else === undefined ? NULL_TYPE : typeOf(e.else, scope);
    }
    case 'cast':
      return e.type;
    case 'struct':
      return {
        kind: 'STRUCT',
        fields: e.fields.map((f) => ({ name: f.name, type: typeOf(f.value, scope) })),
      };
    case 'array':
      return { kind: 'ARRAY', item: e.items.length ? typeOf(e.items[0]!, scope) : T.STRING };
    case 'map':
      return {
        kind: 'MAP',
        key: e.entries.length ? typeOf(e.entries[0]!.key, scope) : T.STRING,
        value: e.entries.length ? typeOf(e.entries[0]!.value, scope) : T.STRING,
      };
    case 'lambda':
      throw new KsqlTypeError('Lambda expressions are not supported');
  }
}

type DecimalT = { kind: 'DECIMAL'; precision: number; scale: number };

/** ksqlDB's decimal result precision/scale rules (Java SQL server style). */
function decimalArithmeticType(op: string, l: DecimalT, r: DecimalT): SqlType {
  const p1 = l.precision;
  const s1 = l.scale;
  const p2 = r.precision;
  const s2 = r.scale;
  let precision: number;
  let scale: number;
  switch (op) {
    case '+':
    case '-':
      scale = Math.max(s1, s2);
      precision = Math.max(p1 - s1, p2 - s2) + scale + 1;
      break;
    case '*':
      precision = p1 + p2 + 1;
      scale = s1 + s2;
      break;
    case '/':
      scale = Math.max(6, s1 + p2 + 1);
      precision = p1 - s1 + s2 + scale;
      break;
    default:
      scale = Math.max(s1, s2);
      precision = Math.min(p1 - s1, p2 - s2) + scale;
  }
  return { kind: 'DECIMAL', precision: Math.min(precision, 38), scale: Math.min(scale, 38) };
}

/**
 * The time unit a call argument names (`DAYS` in `DATEADD(DAYS, 1, d)`, ksqlDB's INTERVALUNIT):
 * an unqualified name that is a unit and not a column in scope.
 */
export function timeUnitArg(e: Expr, scope: TypeScope): string | undefined {
  if (e.kind !== 'column' || e.source !== undefined) return undefined;
  const unit = timeUnitName(e.name);
  return unit !== undefined && scope.column(e.name, undefined) === undefined ? unit : undefined;
}

/** The types of a call's arguments, a time-unit argument typed INTERVALUNIT. */
export function callArgTypes(args: readonly Expr[], scope: TypeScope): SqlType[] {
  return args.map((a) => (timeUnitArg(a, scope) === undefined ? typeOf(a, scope) : INTERVAL_UNIT_TYPE));
}

/** A call's arguments as function resolution sees them (literals may be implicitly cast). */
export function callArgs(args: readonly Expr[], types: readonly SqlType[]): ArgInfo[] {
  return args.map((a, i) => ({ type: types[i]!, literal: a.kind === 'literal' }));
}

/** A scope with lambda parameters bound (they shadow columns). */
export function withParams(scope: TypeScope, params: Map<string, SqlType>): TypeScope {
  return {
    column: (name, source) =>
      source === undefined ? (params.get(name) ?? scope.column(name, source)) : scope.column(name, source),
  };
}

/**
 * The result type of TRANSFORM / FILTER / REDUCE (a call with lambda arguments), or undefined for
 * any other call; typed by `functions/lambda.ts`.
 */
export function lambdaCallType(e: Extract<Expr, { kind: 'call' }>, scope: TypeScope): SqlType | undefined {
  return resolveLambdaCall(e, scope, { typeOf, withParams })?.returnType;
}
