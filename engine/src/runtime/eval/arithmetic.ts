/** SQL arithmetic on the engine's value model (numbers, bigints, `Decimal`). */
import { Decimal, type SqlType } from '../../analyzer/index.js';

function toDecimal(v: unknown): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'bigint') return new Decimal(v, 0);
  return Decimal.fromNumber(v as number);
}

/** `-v` for a numeric value of type `t`: INTEGER and BIGINT wrap as Java (-Integer.MIN_VALUE is itself). */
export function negate(t: SqlType, v: unknown): unknown {
  if (typeof v === 'bigint') return BigInt.asIntN(64, -v);
  if (v instanceof Decimal) return new Decimal(-v.unscaled, v.scale);
  return t.kind === 'INTEGER' ? -(v as number) | 0 : -(v as number);
}

/**
 * `a op b` (`+ - * / %`) for operands already of the result type `t`: INTEGER wraps at 32 bits and
 * BIGINT at 64 like Java, DECIMAL keeps the result scale, DOUBLE is plain floating point. Division
 * by zero throws for exact types.
 */
export function arith(op: string, t: SqlType, a: unknown, b: unknown): unknown {
  switch (t.kind) {
    case 'INTEGER': {
      const x = Number(a);
      const y = Number(b);
      if (op === '+') return (x + y) | 0;
      if (op === '-') return (x - y) | 0;
      if (op === '*') return Math.imul(x, y);
      if (y === 0) throw new Error('/ by zero');
      return op === '/' ? Math.trunc(x / y) | 0 : (x % y) | 0;
    }
    case 'BIGINT': {
      const x = typeof a === 'bigint' ? a : BigInt(a as number);
      const y = typeof b === 'bigint' ? b : BigInt(b as number);
      if (op === '+') return BigInt.asIntN(64, x + y);
      if (op === '-') return BigInt.asIntN(64, x - y);
      if (op === '*') return BigInt.asIntN(64, x * y);
      if (y === 0n) throw new Error('/ by zero');
      // Long.MIN_VALUE / -1 overflows to Long.MIN_VALUE in Java.
      return op === '/' ? BigInt.asIntN(64, x / y) : x % y;
    }
    case 'DECIMAL': {
      const x = toDecimal(a);
      const y = toDecimal(b);
      const s = Math.max(x.scale, y.scale);
      const xs = x.withScale(s).unscaled;
      const ys = y.withScale(s).unscaled;
      if (op === '+') return new Decimal(xs + ys, s).withScale(t.scale);
      if (op === '-') return new Decimal(xs - ys, s).withScale(t.scale);
      if (op === '*') return new Decimal(x.unscaled * y.unscaled, x.scale + y.scale).withScale(t.scale);
      if (ys === 0n) throw new Error('Division by zero');
      if (op === '%') return new Decimal(xs % ys, s).withScale(t.scale);
      const extra = t.scale + 1;
      const q = (xs * 10n ** BigInt(extra)) / ys;
      return new Decimal(q, extra).withScale(t.scale);
    }
    default: {
      const x = a instanceof Decimal ? a.toNumber() : Number(a);
      const y = b instanceof Decimal ? b.toNumber() : Number(b);
      if (op === '+') return x + y;
      if (op === '-') return x - y;
      if (op === '*') return x * y;
      if (op === '/') return x / y;
      return x % y;
    }
  }
}
