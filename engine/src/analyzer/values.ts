/**
 * How SQL values live in memory: BOOLEAN → boolean, INTEGER/DOUBLE → number, BIGINT → bigint,
 * DECIMAL → `Decimal`, STRING → string, BYTES → Buffer, TIMESTAMP/TIME → number (ms),
 * DATE → number (days), ARRAY → array, MAP → Map<string, value>, STRUCT → `Struct` (a plain
 * object keyed by field name). NULL → null.
 */

/** An exact decimal: `unscaled × 10^-scale`. */
export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  /** Parses `12.30`, `-1`, `1e3` keeping the written scale (exponent folded in). */
  static parse(text: string): Decimal {
    const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
    if (m === null) throw new Error(`Invalid decimal: ${text}`);
    const frac = m[3] ?? '';
    let unscaled = BigInt(`${m[1] === '-' ? '-' : ''}${(m[2] ?? '') + frac || '0'}`);
    let scale = frac.length - Number(m[4] ?? 0);
    if (scale < 0) {
      unscaled *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new Decimal(unscaled, scale);
  }

  static fromNumber(n: number): Decimal {
    return Decimal.parse(Number.isInteger(n) ? n.toFixed(0) : String(n));
  }

  /** Rescales with HALF_UP rounding. */
  withScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const div = 10n ** BigInt(this.scale - scale);
    let q = this.unscaled / div;
    const r = this.unscaled % div;
    const twice = (r < 0n ? -r : r) * 2n;
    if (twice >= div) q += this.unscaled < 0n ? -1n : 1n;
    return new Decimal(q, scale);
  }

  /** Number of significant digits (ksqlDB precision). */
  precision(): number {
    const digits = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString().length;
    return Math.max(digits, this.scale);
  }

  toNumber(): number {
    return Number(this.toString());
  }

  compare(o: Decimal): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.withScale(s).unscaled;
    const b = o.withScale(s).unscaled;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Plain text with the scale kept (`12.30`). */
  toString(): string {
    const neg = this.unscaled < 0n;
    let digits = (neg ? -this.unscaled : this.unscaled).toString();
    if (this.scale === 0) return (neg ? '-' : '') + digits;
    digits = digits.padStart(this.scale + 1, '0');
    const cut = digits.length - this.scale;
    return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
}

/** A STRUCT value: field name → value (no inherited names, insertion order = schema order). */
export type Struct = { [field: string]: unknown };

/**
 * The parent of rows and structs: empty, frozen, with a null prototype, so no column name (even
 * `constructor` or `toString`) resolves to an inherited property. Objects created from it stay in
 * V8's fast mode; `Object.create(null)` objects are hash tables, ≈2× slower to fill and read.
 */
export const NO_INHERITED_NAMES: object = Object.freeze(Object.create(null) as object);

/** Builds an empty struct object. */
export function newStruct(): Struct {
  return Object.create(NO_INHERITED_NAMES) as Struct;
}

export function isStruct(v: unknown): v is Struct {
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Map) &&
    !Array.isArray(v) &&
    !(v instanceof Decimal) &&
    !Buffer.isBuffer(v)
  );
}

/** Encodes any SQL value (and aggregate state) as JSON-safe data, reversibly (state changelogs). */
export function toTagged(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  // Strings, booleans and finite numbers — most values — are their own encoding.
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $n: String(v) };
  if (typeof v === 'bigint') return { $b: v.toString() };
  if (v instanceof Decimal) return { $d: v.toString() };
  if (Buffer.isBuffer(v)) return { $y: v.toString('base64') };
  if (v instanceof Map) return { $m: [...v].map(([k, x]) => [toTagged(k), toTagged(x)]) };
  if (v instanceof Set) return { $s: [...v].map(toTagged) };
  if (Array.isArray(v)) return v.map(toTagged);
  if (typeof v === 'object') {
    // No prototype: a field named "__proto__" stays a field (fast-check found it dropped).
    const o: Record<string, unknown> = Object.create(null);
    const fields = v as Record<string, unknown>;
    for (const k in fields) o[k.charCodeAt(0) === 0x24 /* $ */ ? `$${k}` : k] = toTagged(fields[k]);
    return { $o: o };
  }
  return v;
}

/**
 * `JSON.stringify(toTagged(v))` in one pass, without building the tagged copy: state stores write
 * one per changed key and commit.
 */
export function taggedJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : `{"$n":"${String(v)}"}`;
    case 'bigint':
      return `{"$b":"${v.toString()}"}`;
    case 'object':
      break;
    default:
      // Functions and symbols: what JSON.stringify writes for them in an array.
      return 'null';
  }
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) text += (i === 0 ? '' : ',') + taggedJson(v[i]);
    return `${text}]`;
  }
  if (v instanceof Decimal || Buffer.isBuffer(v) || v instanceof Map || v instanceof Set)
    return JSON.stringify(toTagged(v));
  let text = '{"$o":{';
  let first = true;
  const fields = v as Record<string, unknown>;
  for (const k in fields) {
    const x = fields[k];
    if (typeof x === 'function' || typeof x === 'symbol') continue; // JSON.stringify leaves them out
    text += `${first ? '' : ','}${JSON.stringify(k.charCodeAt(0) === 0x24 /* $ */ ? `$${k}` : k)}:${taggedJson(x)}`;
    first = false;
  }
  return `${text}}}`;
}

/** Inverse of `toTagged`. */
export function fromTagged(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromTagged);
  const o = v as Record<string, unknown>;
  if ('$b' in o) return BigInt(o.$b as string);
  if ('$d' in o) return Decimal.parse(o.$d as string);
  if ('$y' in o) return Buffer.from(o.$y as string, 'base64');
  if ('$n' in o) return Number(o.$n);
  if ('$m' in o) return new Map((o.$m as unknown[][]).map(([k, x]) => [fromTagged(k), fromTagged(x)]));
  if ('$s' in o) return new Set((o.$s as unknown[]).map(fromTagged));
  const s = newStruct();
  for (const [k, x] of Object.entries(o.$o as Record<string, unknown>))
    s[k.startsWith('$$') ? k.slice(1) : k] = fromTagged(x);
  return s;
}
