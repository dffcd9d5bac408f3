/**
 * ksqlDB's implicit type coercion (its "Type Coercion" reference page): numbers widen
 * INTEGER → BIGINT → DECIMAL → DOUBLE, ARRAY / MAP / STRUCT coerce element-wise; literals are laxer
 * (any literal becomes a STRING, a STRING literal holding a number or a boolean becomes one).
 * `commonType` finds the one type of an expression list (IN lists, ARRAY and MAP constructors):
 * the first non-null element decides the family, later ones widen it, structs take the union of
 * their fields. Errors carry ksqlDB's messages ("operator does not exist: …", "invalid input
 * syntax for type …").
 */
import { type Expr, printExpr, printType } from '../syntax/index.js';
import { KsqlTypeError } from './type-error.js';
import { isNumeric, type SqlType, T, toDecimalType, typeEquals } from './types.js';

type DecimalType = Extract<SqlType, { kind: 'DECIMAL' }>;

/** An expression with its type; `undefined` = the NULL literal (no type). */
export interface TypedExpr {
  expr: Expr;
  type: SqlType | undefined;
}

const NUMERIC_RANK: Record<string, number> = { INTEGER: 0, BIGINT: 1, DECIMAL: 2, DOUBLE: 3 };

/** The decimal wide enough for both (integer digits and scale of the wider each; ≤ 38). */
export function widenDecimal(a: SqlType, b: SqlType): DecimalType {
  const x = toDecimalType(a);
  const y = toDecimalType(b);
  const scale = Math.max(x.scale, y.scale);
  const precision = Math.min(38, Math.max(x.precision - x.scale, y.precision - y.scale) + scale);
  return { kind: 'DECIMAL', precision, scale };
}

/**
 * The type a value of `from` becomes when coerced to `to`, or undefined if it cannot be. `lax`
 * (literals) also lets any primitive become a STRING.
 */
export function coercedType(from: SqlType, to: SqlType, lax: boolean): SqlType | undefined {
  if (typeEquals(from, to)) return to;
  if (isNumeric(from) && isNumeric(to)) {
    if (NUMERIC_RANK[from.kind]! > NUMERIC_RANK[to.kind]!) return undefined;
    return to.kind === 'DECIMAL' ? widenDecimal(from, to) : to;
  }
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') {
    const item = coercedType(from.item, to.item, false);
    return item === undefined ? undefined : { kind: 'ARRAY', item };
  }
  if (from.kind === 'MAP' && to.kind === 'MAP') {
    const key = coercedType(from.key, to.key, false);
    const value = coercedType(from.value, to.value, false);
    return key === undefined || value === undefined ? undefined : { kind: 'MAP', key, value };
  }
  if (from.kind === 'STRUCT' && to.kind === 'STRUCT') {
    for (const f of from.fields) {
      const t = to.fields.find((x) => x.name === f.name);
      if (t !== undefined && coercedType(f.type, t.type, false) === undefined) return undefined;
    }
    return to;
  }
  if (lax && to.kind === 'STRING' && from.kind !== 'ARRAY' && from.kind !== 'MAP' && from.kind !== 'STRUCT')
    return T.STRING;
  return undefined;
}

/** A coercion failure (ksqlDB's `InvalidCoercionException`). */
class CoercionError extends KsqlTypeError {}

function coercionFailure(e: Expr, source: SqlType | undefined, target: SqlType): CoercionError {
  return new CoercionError(
    `operator does not exist: ${printType(target)} = ${source === undefined ? 'NULL' : printType(source)} (${printExpr(e)})\nHint: You might need to add explicit type casts.`,
  );
}

/** ksqlDB's message for a literal that cannot be read as `target`. */
export function invalidSyntax(value: string, target: SqlType): KsqlTypeError {
  return new KsqlTypeError(`invalid input syntax for type ${target.kind}: "${value}".`);
}

const BOOLEAN_WORDS = ['true', 'false', 'yes', 'no'];

/** A STRING literal as BOOLEAN: `true`/`false`/`yes`/`no` or a prefix of one, any case. */
export function parseBooleanText(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  const word = BOOLEAN_WORDS.find((w) => w.startsWith(t));
  return word === undefined ? undefined : word === 'true' || word === 'yes';
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The numeric type of a STRING literal's number: INTEGER / BIGINT when whole, else DECIMAL. */
export function stringNumberType(text: string): SqlType | undefined {
  const t = text.trim();
  if (!NUMBER_TEXT.test(t)) return undefined;
  if (!/[.eE]/.test(t)) {
    const v = BigInt(t);
    if (v > -2147483648n && v < 2147483647n) return T.INTEGER;
    if (v > -9223372036854775808n && v < 9223372036854775807n) return T.BIGINT;
  }
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t)!;
  const digits = `${m[1] ?? ''}${m[2] ?? ''}`.replace(/^0+/, '');
  const scale = Math.max(0, (m[2] ?? '').length - Number(m[3] ?? 0));
  const exp = Number(m[3] ?? 0);
  const intDigits = Math.max(0, digits.length - (m[2] ?? '').length + exp);
  return { kind: 'DECIMAL', precision: Math.max(1, intDigits + scale, scale), scale };
}

function isNullLiteral(e: Expr): boolean {
  return e.kind === 'literal' && e.type === 'null';
}

/** Resolves a list's common type, or undefined when it is empty or all NULL literals. */
export function commonType(
  items: readonly Expr[],
  typeOfItem: (e: Expr) => SqlType | undefined,
): SqlType | undefined {
  let common: SqlType | undefined;
  for (const e of items) common = widen({ expr: e, type: typeOfItem(e) }, common, typeOfItem);
  return common;
}

function widen(
  x: TypedExpr,
  common: SqlType | undefined,
  typeOfItem: (e: Expr) => SqlType | undefined,
): SqlType | undefined {
  if (common === undefined) return x.type;
  if (x.type === undefined) return common;
  const e = x.expr;
  const nested = (target: SqlType, exprs: readonly Expr[]): SqlType | undefined => {
    const list = exprs.filter((y) => !isNullLiteral(y));
    if (list.length === 0) return target;
    let c: SqlType | undefined = target;
    for (const y of list) c = widen({ expr: y, type: typeOfItem(y) }, c, typeOfItem);
    return c;
  };
  const structured = (f: () => SqlType | undefined): SqlType | undefined => {
    try {
      return f();
    } catch (err) {
      if (err instanceof CoercionError) throw coercionFailure(e, x.type, common);
      throw err;
    }
  };
  if (e.kind === 'array') {
    if (common.kind !== 'ARRAY') throw coercionFailure(e, x.type, common);
    return structured(() => {
      const item = nested(common.item, e.items);
      return item === undefined ? undefined : { kind: 'ARRAY', item };
    });
  }
  if (e.kind === 'map') {
    if (common.kind !== 'MAP') throw coercionFailure(e, x.type, common);
    return structured(() => {
      const key = nested(
        common.key,
        e.entries.map((en) => en.key),
      );
      const value = nested(
        common.value,
        e.entries.map((en) => en.value),
      );
      return key === undefined || value === undefined ? undefined : { kind: 'MAP', key, value };
    });
  }
  if (e.kind === 'struct') {
    if (common.kind !== 'STRUCT') throw coercionFailure(e, x.type, common);
    return structured(() => {
      const names = [...new Set([...e.fields.map((f) => f.name), ...common.fields.map((f) => f.name)])];
      const fields = names.map((name) => {
        const src = e.fields.find((f) => f.name === name);
        const tgt = common.fields.find((f) => f.name === name);
        const srcType = src === undefined ? undefined : typeOfItem(src.value);
        let type: SqlType | undefined;
        if (tgt === undefined) type = srcType;
        else if (src === undefined) type = tgt.type;
        else type = widen({ expr: src.value, type: srcType }, tgt.type, typeOfItem);
        return { name, type: type ?? T.STRING };
      });
      return { kind: 'STRUCT', fields };
    });
  }
  if (e.kind === 'literal' && e.type === 'string') {
    if (isNumeric(common)) {
      const source = stringNumberType(e.value);
      if (source === undefined) throw invalidSyntax(e.value, common);
      if (source.kind === 'DOUBLE' || common.kind === 'DOUBLE') return T.DOUBLE;
      if (source.kind === 'DECIMAL' || common.kind === 'DECIMAL') return widenDecimal(source, common);
      return NUMERIC_RANK[source.kind]! <= NUMERIC_RANK[common.kind]! ? common : source;
    }
    if (common.kind === 'BOOLEAN') {
      if (parseBooleanText(e.value) === undefined) throw invalidSyntax(e.value, T.BOOLEAN);
      return common;
    }
  }
  const lax = e.kind === 'literal';
  const t = coercedType(x.type, common, lax) ?? coercedType(common, x.type, lax);
  if (t === undefined) throw coercionFailure(e, x.type, common);
  return t;
}
