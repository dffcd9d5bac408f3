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
import { castSupported } from './cast-rules.js';
import { commonType } from './coercion.js';
import { comparisonError } from './comparison-rules.js';
import { type ArgInfo, INTERVAL_UNIT_TYPE, resolveScalar, timeUnitName } from './functions/index.js';
import { resolveLambdaCall } from './functions/lambda.js';
import { resolveTableFunction, tableFunction } from './table-functions/index.js';
import { KsqlCodegenError, KsqlTypeError } from './type-error.js';
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

/** The type of `e`, or undefined for the NULL literal (and expressions typed only by it). */
export function nullableTypeOf(e: Expr, scope: TypeScope): SqlType | undefined {
  if (e.kind === 'literal' && e.type === 'null') return undefined;
  const t = typeOf(e, scope);
  return t === NULL_TYPE ? undefined : t;
}

/** The common type of an IN list, ARRAY items, MAP keys or values (`coercion.ts`). */
export function listType(items: readonly Expr[], scope: TypeScope): SqlType | undefined {
  return commonType(items, (x) => nullableTypeOf(x, scope));
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
      if (e.op === 'AND' || e.op === 'OR') {
        typeOf(e.left, scope);
        typeOf(e.right, scope);
        return T.BOOLEAN;
      }
      if (['=', '<>', '<', '<=', '>', '>='].includes(e.op)) {
        const error = comparisonError(e.op, e.left, e.right, (x) => nullableTypeOf(x, scope));
        if (error !== undefined) throw new KsqlTypeError(error);
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
      return T.BOOLEAN;
    case 'distinctFrom': {
      const op = e.negated ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM';
      const error = comparisonError(op, e.left, e.right, (x) => nullableTypeOf(x, scope));
      if (error !== undefined) throw new KsqlTypeError(error);
      return T.BOOLEAN;
    }
    case 'in':
      try {
        listType([e.operand, ...e.list], scope);
      } catch (err) {
        if (err instanceof KsqlTypeError && !(err instanceof KsqlCodegenError))
          throw new KsqlCodegenError(err.message);
        throw err;
      }
      return T.BOOLEAN;
    case 'case': {
      // Every branch is checked; the first one with a type gives the CASE its type.
      let result: SqlType | undefined;
      for (const w of e.whens) {
        typeOf(w.when, scope);
        const t = nullableTypeOf(w.result, scope);
        result ??= t;
      }
      const otherwise = e.else === undefined ? undefined : nullableTypeOf(e.else, scope);
      result ??= otherwise;
      if (result === undefined)
        throw new KsqlTypeError('Invalid Case expression. All case branches have NULL type');
      return result;
    }
    case 'cast': {
      const from = nullableTypeOf(e.operand, scope);
      if (from !== undefined && !castSupported(from, e.type))
        throw new KsqlCodegenError(`Cast of ${printType(from)} to ${printType(e.type)} is not supported`);
      return e.type;
    }
    case 'struct':
      return {
        kind: 'STRUCT',
        fields: e.fields.map((f) => ({ name: f.name, type: typeOf(f.value, scope) })),
      };
    case 'array': {
      if (e.items.length === 0)
        throw new KsqlTypeError(
          'Array constructor cannot be empty. Please supply at least one element (see https://github.com/confluentinc/ksql/issues/4239).',
        );
      const item = listType(e.items, scope);
      if (item === undefined)
        throw new KsqlTypeError(
          'Cannot construct an array with all NULL elements (see https://github.com/confluentinc/ksql/issues/4239). As a workaround, you may cast a NULL value to the desired type.',
        );
      return { kind: 'ARRAY', item };
    }
    case 'map': {
      if (e.entries.length === 0)
        throw new KsqlTypeError(
          'Map constructor cannot be empty. Please supply at least one key value pair (see https://github.com/confluentinc/ksql/issues/4239).',
        );
      const key = listType(
        e.entries.map((x) => x.key),
        scope,
      );
      if (key === undefined) throw new KsqlTypeError('Cannot construct a map with all NULL keys');
      const value = listType(
        e.entries.map((x) => x.value),
        scope,
      );
      if (value === undefined) throw new KsqlTypeError('Cannot construct a map with all NULL values');
      return { kind: 'MAP', key, value };
    }
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
