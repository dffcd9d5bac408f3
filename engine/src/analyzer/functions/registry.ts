/**
 * The scalar function registry: every built-in family and the functions users register, and the
 * resolution of a call to one variant by ksqlDB's rules — exact matches beat generic ones, which
 * beat implicit casts; two best candidates are ambiguous; no candidate lists the alternatives.
 * Resolution happens once per call site at compile time, so the per-row cost is the variant's own.
 */
import { printType } from '../../syntax/index.js';
import { KsqlTypeError } from '../type-error.js';
import { NULL_TYPE, type SqlType } from '../types.js';
import type { CallInfo, ScalarFunctionSpec, ScalarImpl, VariantSpec } from './function-spec.js';
import { implicitCast } from './implicit-cast.js';
import { INTERVAL_UNIT_TYPE } from './interval-unit.js';
import { instantiate, parseParamType, printParamType } from './param-types.js';
import { type ArgInfo, type Match, matchArgs, type Param, parseParam } from './signature.js';

interface Variant {
  spec: VariantSpec;
  params: Param[];
}

interface Entry {
  spec: ScalarFunctionSpec;
  variants: Variant[];
  builtIn: boolean;
}

/** A call resolved to one variant. */
export interface ResolvedScalar {
  name: string;
  returnType: SqlType;
  nullTolerant: boolean;
  /** The evaluator for one call site: converts implicitly cast arguments, then calls the variant. */
  bind(): (args: unknown[]) => unknown;
}

const entries = new Map<string, Entry>();

/** A result type written as text must name one type (generics allowed), not a family like DECIMAL. */
function checkReturnType(spec: ScalarFunctionSpec, v: VariantSpec): void {
  if (typeof v.returns !== 'string') return;
  const fixed = (p: ReturnType<typeof parseParamType>): boolean =>
    p.kind === 'concrete' || p.kind === 'generic'
      ? true
      : p.kind === 'array'
        ? fixed(p.item)
        : p.kind === 'map'
          ? fixed(p.key) && fixed(p.value)
          : false;
  if (!fixed(parseParamType(v.returns)))
    throw new Error(
      `${spec.name}: result type ${v.returns} names no single type; compute it with a function`,
    );
}

function entryOf(spec: ScalarFunctionSpec, builtIn: boolean): Entry {
  for (const v of spec.variants) checkReturnType(spec, v);
  return {
    spec,
    builtIn,
    variants: spec.variants.map((v) => ({ spec: v, params: v.params.map((p, i) => parseParam(p, i)) })),
  };
}

/** Adds built-in functions (the family files, at module load). */
export function addBuiltIns(specs: readonly ScalarFunctionSpec[]): void {
  for (const spec of specs) {
    const key = spec.name.toUpperCase();
    if (entries.has(key)) throw new Error(`built-in function ${key} is declared twice`);
    entries.set(key, entryOf(spec, true));
  }
}

/**
 * Adds a user-defined scalar function for every engine of this process (as ksqlDB loads UDFs from
 * its extension directory at start-up). Built-in functions cannot be replaced.
 */
export function registerFunction(spec: ScalarFunctionSpec): void {
  const key = spec.name.toUpperCase();
  if (entries.has(key)) throw new Error(`a function named ${key} already exists`);
  entries.set(key, entryOf(spec, false));
}

export function hasScalarFunction(name: string): boolean {
  return entries.has(name.toUpperCase());
}

/** Every scalar function, for SHOW FUNCTIONS and DESCRIBE FUNCTION. */
export function scalarFunctions(): readonly ScalarFunctionSpec[] {
  return [...entries.values()].map((e) => e.spec);
}

/** The parameters of a variant as DESCRIBE FUNCTION lists them. */
export function describeVariant(v: VariantSpec): { name: string; type: string; isVariadic: boolean }[] {
  return v.params.map((text, i) => {
    const p = parseParam(text, i);
    return { name: p.name, type: printParamType(p.type), isVariadic: p.variadic };
  });
}

function printArgs(args: readonly ArgInfo[]): string {
  const print = (t: SqlType) =>
    t === NULL_TYPE ? 'null' : t === INTERVAL_UNIT_TYPE ? 'INTERVALUNIT' : printType(t);
  return args.map((a) => print(a.type)).join(', ');
}

function printSignature(name: string, v: Variant): string {
  const params = v.params.map((p) => `${p.variadic ? '...' : ''}${printParamType(p.type)} ${p.name}`);
  return `${name}(${params.join(', ')})`;
}

function resultType(v: Variant, m: Match, args: readonly ArgInfo[]): SqlType {
  const types = args.map((a, i) => m.casts[i] ?? a.type);
  const r = v.spec.returns;
  if (typeof r === 'function') return r(types, m.bindings);
  return instantiate(parseParamType(r), m.bindings) ?? NULL_TYPE;
}

/** Resolves a call of `name` with these arguments, or throws ksqlDB's error. */
export function resolveScalar(name: string, args: readonly ArgInfo[]): ResolvedScalar {
  const entry = entries.get(name.toUpperCase());
  if (entry === undefined) throw new KsqlTypeError(`Can't find any functions with the name '${name}'`);
  return resolveEntry(entry, args);
}

const detached = new WeakMap<ScalarFunctionSpec, Entry>();

/**
 * Resolves a call against a function declared outside this registry by the same rules (table
 * functions keep their own table but declare variants as scalar functions do).
 */
export function resolveSpec(spec: ScalarFunctionSpec, args: readonly ArgInfo[]): ResolvedScalar {
  let entry = detached.get(spec);
  if (entry === undefined) {
    entry = entryOf(spec, false);
    detached.set(spec, entry);
  }
  return resolveEntry(entry, args);
}

function resolveEntry(entry: Entry, args: readonly ArgInfo[]): ResolvedScalar {
  const declared = entry.spec.name;
  const candidates = entry.variants
    .map((v) => ({ v, m: matchArgs(v.params, args) }))
    .filter((c): c is { v: Variant; m: Match } => c.m !== undefined);
  if (candidates.length === 0) {
    const alternatives = entry.variants.map((v) => printSignature(declared, v)).join('\n');
    throw new KsqlTypeError(
      `Function '${declared}' does not accept parameters (${printArgs(args)}).\nValid alternatives are:\n${alternatives}`,
    );
  }
  const best = Math.min(...candidates.map((c) => c.m.tier));
  let top = candidates.filter((c) => c.m.tier === best);
  if (top.length > 1) {
    const fixed = top.filter((c) => c.v.params.at(-1)?.variadic !== true);
    if (fixed.length > 0) top = fixed;
  }
  if (top.length > 1)
    throw new KsqlTypeError(
      `Function '${declared}' cannot be resolved due to ambiguous method parameters (${printArgs(args)}).`,
    );
  const { v, m } = top[0]!;
  const returnType = resultType(v, m, args);
  const call: CallInfo = { types: args.map((a, i) => m.casts[i] ?? a.type), returnType };
  const casts = m.casts;
  const needsCast = casts.some((c) => c !== undefined);
  return {
    name: declared,
    returnType,
    nullTolerant: v.spec.nullTolerant === true,
    bind() {
      const impl: ScalarImpl = entry.spec.instance?.(v.spec) ?? v.spec.impl;
      if (!needsCast) return (values) => impl(values, call);
      return (values) =>
        impl(
          values.map((x, i) => {
            const to = casts[i];
            return to === undefined || x === null ? x : implicitCast(x, to);
          }),
          call,
        );
    },
  };
}

export function isBuiltIn(name: string): boolean {
  return entries.get(name.toUpperCase())?.builtIn === true;
}
