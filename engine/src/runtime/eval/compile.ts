/**
 * Compiles an expression to a closure over a row (`column name → value`). Types are resolved once
 * at compile time (arithmetic dispatch, casts); SQL three-valued logic for NULL.
 */
import {
  aggregateFunction,
  callArgs,
  callArgTypes,
  Decimal,
  KsqlTypeError,
  listType,
  NO_INHERITED_NAMES,
  newStruct,
  nullableTypeOf,
  resolveScalar,
  type SqlType,
  T,
  type TypeScope,
  timeUnitArg,
  typeEquals,
  typeOf,
} from '../../analyzer/index.js';
import type { Expr } from '../../syntax/index.js';
import { arith, negate } from './arithmetic.js';
import { castValue } from './cast.js';
import { coerceLiteral } from './coerce-literal.js';
import { compareValues, valuesEqual } from './compare.js';
import { compileLambdaCall as compileLambdaFunction } from './lambda-call.js';

export type Row = Record<string, unknown>;

/** An empty row: no inherited names, fast property access (see `NO_INHERITED_NAMES`). */
export function newRow(): Row {
  return Object.create(NO_INHERITED_NAMES) as Row;
}
export type Evaluator = (row: Row) => unknown;

function likeRegex(pattern: string, escapeChar: string | undefined): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (escapeChar !== undefined && c === escapeChar && i + 1 < pattern.length) {
      re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function literal(e: Extract<Expr, { kind: 'literal' }>, t: SqlType): unknown {
  switch (e.type) {
    case 'null':
      return null;
    case 'string':
      return e.value;
    case 'boolean':
      return e.value;
    case 'integer':
      return t.kind === 'BIGINT' ? BigInt(e.value) : Number(e.value);
    case 'decimal':
      return Decimal.parse(e.value);
    case 'double':
      return Number(e.value);
  }
}

/**
 * Compiles `e` converted to `target`, a list's common type: a literal is converted once, any other
 * expression of another type is CAST per row; NULL and matching types are left as they are.
 */
function compileCoerced(e: Expr, target: SqlType, scope: TypeScope): Evaluator {
  const t = nullableTypeOf(e, scope);
  if (t === undefined || typeEquals(t, target)) return compileExpr(e, scope);
  if (e.kind === 'literal') {
    const v = coerceLiteral(e, t, target);
    return () => v;
  }
  const o = compileExpr(e, scope);
  return (row) => castValue(o(row), t, target);
}

/** Compiles `e` for rows described by `scope`. */
export function compileExpr(e: Expr, scope: TypeScope): Evaluator {
  const t = typeOf(e, scope);
  switch (e.kind) {
    case 'literal': {
      const v = literal(e, t);
      return () => v;
    }
    case 'column': {
      const name = e.name;
      return (row) => row[name] ?? null;
    }
    case 'deref': {
      const base = compileExpr(e.base, scope);
      const bt = typeOf(e.base, scope);
      const field =
        bt.kind === 'STRUCT'
          ? (bt.fields.find((f) => f.name === e.field) ??
              bt.fields.find((f) => f.name.toUpperCase() === e.field.toUpperCase()))!.name
          : e.field;
      return (row) => {
        const s = base(row) as Record<string, unknown> | null;
        return s === null ? null : (s[field] ?? null);
      };
    }
    case 'subscript': {
      const base = compileExpr(e.base, scope);
      const index = compileExpr(e.index, scope);
      return (row) => {
        const b = base(row);
        const i = index(row);
        if (b === null || i === null) return null;
        if (b instanceof Map) return b.get(i) ?? null;
        const arr = b as unknown[];
        let n = Number(i);
        n = n > 0 ? n - 1 : arr.length + n;
        return arr[n] ?? null;
      };
    }
    case 'call': {
      const lambda = e.args.at(-1);
      if (lambda?.kind === 'lambda') return compileLambdaCall(e, lambda, scope);
      if (aggregateFunction(e.name) !== undefined) {
        throw new KsqlTypeError(`Aggregate function ${e.name} is not allowed here`);
      }
      const args = e.args.map((a): Evaluator => {
        const unit = timeUnitArg(a, scope);
        return unit === undefined ? compileExpr(a, scope) : () => unit;
      });
      const types = callArgTypes(e.args, scope);
      const fn = resolveScalar(e.name, callArgs(e.args, types));
      const impl = fn.bind();
      const nullTolerant = fn.nullTolerant;
      return (row) => {
        const vals = args.map((a) => a(row));
        if (!nullTolerant && vals.some((v) => v === null)) return null;
        return impl(vals);
      };
    }
    case 'binary': {
      const l = compileExpr(e.left, scope);
      const r = compileExpr(e.right, scope);
      switch (e.op) {
        case 'AND':
          return (row) => {
            const a = l(row);
            if (a === false) return false;
            const b = r(row);
            if (b === false) return false;
            return a === null || b === null ? null : true;
          };
        case 'OR':
          return (row) => {
            const a = l(row);
            if (a === true) return true;
            const b = r(row);
            if (b === true) return true;
            return a === null || b === null ? null : false;
          };
        case '=':
        case '<>':
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const op = e.op;
          // As ksqlDB's generated code: a comparison with a NULL side is false, not NULL.
          return (row) => {
            const a = l(row);
            const b = r(row);
            if (a === null || b === null) return false;
            if (op === '=') return valuesEqual(a, b);
            if (op === '<>') return !valuesEqual(a, b);
            const c = compareValues(a, b);
            return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
          };
        }
        case '||':
          return (row) => {
            const a = l(row);
            const b = r(row);
            return a === null || b === null ? null : String(a) + String(b);
          };
        default: {
          const op = e.op;
          if (t.kind === 'STRING') {
            return (row) => {
              const a = l(row);
              const b = r(row);
              return a === null || b === null ? null : String(a) + String(b);
            };
          }
          return (row) => {
            const a = l(row);
            const b = r(row);
            if (a === null || b === null) return null;
            return arith(op, t, a, b);
          };
        }
      }
    }
    case 'unary': {
      const o = compileExpr(e.operand, scope);
      if (e.op === 'NOT') return (row) => (o(row) === null ? null : !o(row));
      if (e.op === '+') return o;
      const t = typeOf(e.operand, scope);
      return (row) => {
        const v = o(row);
        return v === null ? null : negate(t, v);
      };
    }
    case 'isNull': {
      const o = compileExpr(e.operand, scope);
      return (row) => (o(row) === null) !== e.negated;
    }
    case 'between': {
      const o = compileExpr(e.operand, scope);
      const lo = compileExpr(e.low, scope);
      const hi = compileExpr(e.high, scope);
      return (row) => {
        const v = o(row);
        const a = lo(row);
        const b = hi(row);
        if (v === null || a === null || b === null) return null;
        const inside = compareValues(v, a) >= 0 && compareValues(v, b) <= 0;
        return inside !== e.negated;
      };
    }
    case 'like': {
      const o = compileExpr(e.operand, scope);
      const p = compileExpr(e.pattern, scope);
      const cache = new Map<string, RegExp>();
      return (row) => {
        const v = o(row);
        const pat = p(row);
        if (v === null || pat === null) return null;
        let re = cache.get(pat as string);
        if (re === undefined) {
          re = likeRegex(pat as string, e.escape);
          cache.set(pat as string, re);
        }
        return re.test(v as string) !== e.negated;
      };
    }
    case 'in': {
      const common = listType([e.operand, ...e.list], scope);
      const o =
        common === undefined ? compileExpr(e.operand, scope) : compileCoerced(e.operand, common, scope);
      const list = e.list.map((x) =>
        common === undefined ? compileExpr(x, scope) : compileCoerced(x, common, scope),
      );
      return (row) => {
        const v = o(row);
        if (v === null) return null;
        let sawNull = false;
        for (const x of list) {
          const w = x(row);
          if (w === null) sawNull = true;
          else if (valuesEqual(v, w)) return !e.negated;
        }
        return sawNull ? null : e.negated;
      };
    }
    case 'distinctFrom': {
      const l = compileExpr(e.left, scope);
      const r = compileExpr(e.right, scope);
      return (row) => {
        const a = l(row);
        const b = r(row);
        const distinct = a === null || b === null ? a !== b : !valuesEqual(a, b);
        return distinct !== e.negated;
      };
    }
    case 'case': {
      const operand = e.operand === undefined ? undefined : compileExpr(e.operand, scope);
      const whens = e.whens.map((w) => ({
        when: compileExpr(w.when, scope),
        result: compileExpr(w.result, scope),
      }));
      const otherwise = e.else === undefined ? () => null : compileExpr(e.else, scope);
      return (row) => {
        const ov = operand?.(row);
        for (const w of whens) {
          const c = w.when(row);
          if (operand === undefined ? c === true : ov !== null && c !== null && valuesEqual(ov, c))
            return w.result(row);
        }
        return otherwise(row);
      };
    }
    case 'cast': {
      const o = compileExpr(e.operand, scope);
      const from = typeOf(e.operand, scope);
      return (row) => castValue(o(row), from, e.type);
    }
    case 'struct': {
      const fields = e.fields.map((f) => ({ name: f.name, v: compileExpr(f.value, scope) }));
      return (row) => {
        const s = newStruct();
        for (const f of fields) s[f.name] = f.v(row);
        return s;
      };
    }
    case 'array': {
      const item = (t as Extract<SqlType, { kind: 'ARRAY' }>).item;
      const items = e.items.map((x) => compileCoerced(x, item, scope));
      return (row) => items.map((x) => x(row));
    }
    case 'map': {
      const mt = t as Extract<SqlType, { kind: 'MAP' }>;
      const entries = e.entries.map((x) => ({
        k: compileCoerced(x.key, mt.key, scope),
        v: compileCoerced(x.value, mt.value, scope),
      }));
      return (row) => new Map(entries.map((x) => [x.k(row), x.v(row)]));
    }
    case 'lambda':
      throw new KsqlTypeError('A lambda can only be an argument of TRANSFORM, FILTER or REDUCE');
  }
}

type LambdaExpr = Extract<Expr, { kind: 'lambda' }>;

/** Evaluates TRANSFORM / FILTER / REDUCE (see `lambda-call.ts`; the lambdas are found there). */
function compileLambdaCall(
  e: Extract<Expr, { kind: 'call' }>,
  _lambda: LambdaExpr,
  scope: TypeScope,
): Evaluator {
  return compileLambdaFunction(e, scope, compileExpr);
}

/** Coerces a value of type `from` into column type `to` (INSERT VALUES, projections into sinks). */
export function coerceTo(v: unknown, from: SqlType, to: SqlType): unknown {
  if (from.kind === to.kind && to.kind !== 'DECIMAL') return v;
  return castValue(v, from, to);
}

export { T };
