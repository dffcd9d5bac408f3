/**
 * Resolves a call of an aggregate function to one of its variants, by the scalar functions' rules
 * (exact > generic > implicit cast; signature.ts), with the column arguments matched against the
 * variant's column parameters and the trailing ones against its literal parameters. A literal
 * parameter given an expression is ksqlDB's "must be a literal constant" error.
 */
import { printType } from '../../syntax/index.js';
import { implicitCast } from '../functions/implicit-cast.js';
import { instantiate, parseParamType, printParamType } from '../functions/param-types.js';
import { type Match, matchArgs, type Param, parseParam } from '../functions/signature.js';
import { KsqlTypeError } from '../type-error.js';
import { NULL_TYPE, type SqlType } from '../types.js';
import type {
  AggregateFunctionSpec,
  AggregateImpl,
  AggregateVariant,
  FunctionConfig,
} from './aggregate-spec.js';

/** An argument of an aggregate call as the resolver sees it. */
export interface AggregateArg {
  type: SqlType;
  /** Set for a literal constant: its value. */
  literal?: boolean;
  value?: unknown;
  /** The argument as written, for "must be a literal constant" errors. */
  text?: string;
}

/**
 * A call resolved to one variant: what analysis and the runtime use. `create` builds a fresh
 * accumulator implementation (the parameters are accepted and ignored: the call is already bound).
 */
export interface AggregateDef {
  name: string;
  complexState?: boolean;
  streamOnly: boolean;
  /** How many leading arguments are columns (evaluated per row); the rest are literal parameters. */
  columnCount: number;
  returnType(args?: SqlType[]): SqlType;
  create(args?: SqlType[], literals?: unknown[]): AggregateImpl;
}

interface Candidate {
  variant: AggregateVariant;
  columns: Match;
  literals: Match;
  columnCount: number;
}

const parsed = new WeakMap<AggregateVariant, { cols: Param[]; lits: Param[] }>();
function paramsOf(v: AggregateVariant): { cols: Param[]; lits: Param[] } {
  let p = parsed.get(v);
  if (p === undefined) {
    p = {
      cols: v.params.map((t, i) => parseParam(t, i)),
      lits: (v.literals ?? []).map((t, i) => parseParam(t, v.params.length + i)),
    };
    parsed.set(v, p);
  }
  return p;
}

function matchVariant(v: AggregateVariant, args: readonly AggregateArg[]): Candidate | undefined {
  const { cols, lits } = paramsOf(v);
  const litVariadic = lits.at(-1)?.variadic === true;
  const columnCount = litVariadic ? cols.length : args.length - lits.length;
  if (columnCount < 0 || columnCount > args.length) return undefined;
  const columns = matchArgs(cols, args.slice(0, columnCount));
  const literals = matchArgs(lits, args.slice(columnCount));
  if (columns === undefined || literals === undefined) return undefined;
  return { variant: v, columns, literals, columnCount };
}

function printArgs(args: readonly AggregateArg[]): string {
  return args.map((a) => (a.type === NULL_TYPE && a.literal ? 'null' : printType(a.type))).join(', ');
}

function printSignature(name: string, v: AggregateVariant): string {
  const { cols, lits } = paramsOf(v);
  const params = [...cols, ...lits].map(
    (p) => `${p.variadic ? '...' : ''}${printParamType(p.type)} ${p.name}`,
  );
  return `${name}(${params.join(', ')})`;
}

function pick(spec: AggregateFunctionSpec, args: readonly AggregateArg[]): Candidate {
  const candidates = spec.variants
    .map((v) => matchVariant(v, args))
    .filter((c): c is Candidate => c !== undefined);
  if (candidates.length === 0) {
    const alternatives = spec.variants.map((v) => printSignature(spec.name, v)).join('\n');
    throw new KsqlTypeError(
      `Function '${spec.name}' does not accept parameters (${printArgs(args)}).\nValid alternatives are:\n${alternatives}`,
    );
  }
  const tier = (c: Candidate) => Math.max(c.columns.tier, c.literals.tier);
  const best = Math.min(...candidates.map(tier));
  const top = candidates.filter((c) => tier(c) === best);
  // Fixed-arity variants beat variadic ones of the same tier, as for scalar functions.
  const fixed = top.filter((c) => paramsOf(c.variant).cols.at(-1)?.variadic !== true);
  return (fixed.length > 0 ? fixed : top)[0]!;
}

function returnTypeOf(
  v: AggregateVariant,
  types: SqlType[],
  bindings: ReadonlyMap<string, SqlType>,
): SqlType {
  const r = v.returns;
  if (typeof r === 'function') return r(types, bindings);
  return instantiate(parseParamType(r), bindings) ?? NULL_TYPE;
}

/**
 * Wraps an implementation so implicitly cast column arguments arrive converted, and so a UDAF
 * registered without `undo` (and without `streamOnly`) fails a retraction as a processing error
 * rather than crashing the query.
 */
function withCasts(
  name: string,
  impl: AggregateImpl,
  casts: readonly (SqlType | undefined)[],
): AggregateImpl {
  if (impl.undo === undefined)
    impl.undo = () => {
      throw new Error(
        `The aggregate function ${name} cannot undo a value (it does not support table sources)`,
      );
    };
  if (casts.every((c) => c === undefined)) return impl;
  const convert = (args: unknown[]) =>
    args.map((x, i) => {
      const to = casts[i];
      return to === undefined || x === null ? x : implicitCast(x, to);
    });
  const out: AggregateImpl = {
    init: () => impl.init(),
    add: (acc, args) => impl.add(acc, convert(args)),
    result: (acc) => impl.result(acc),
  };
  const undo = impl.undo;
  if (undo !== undefined) out.undo = (acc, args) => undo.call(impl, acc, convert(args));
  return out;
}

/** Resolves a call of `spec` with these arguments, or throws ksqlDB's error. */
export function resolveAggregateCall(
  spec: AggregateFunctionSpec,
  args: readonly AggregateArg[],
  config: FunctionConfig = {},
): AggregateDef {
  const c = pick(spec, args);
  const literalArgs = args.slice(c.columnCount);
  literalArgs.forEach((a, i) => {
    if (a.literal !== true)
      throw new KsqlTypeError(
        `Parameter ${c.columnCount + i + 1} passed to function ${spec.name} must be a literal constant, but was expression: '${a.text ?? ''}'`,
      );
  });
  const columnArgs = args.slice(0, c.columnCount);
  const types = columnArgs.map((a, i) => c.columns.casts[i] ?? a.type);
  const bindings = new Map([...c.literals.bindings, ...c.columns.bindings]);
  const returnType = returnTypeOf(c.variant, types, bindings);
  const literals = literalArgs.map((a, i) => {
    const to = c.literals.casts[i];
    return to === undefined || a.value === null ? a.value : implicitCast(a.value, to);
  });
  const variant = c.variant;
  const def: AggregateDef = {
    name: spec.name,
    streamOnly: spec.streamOnly === true,
    columnCount: c.columnCount,
    returnType: () => returnType,
    create: () =>
      withCasts(spec.name, variant.create({ types, literals, returnType, config }), c.columns.casts),
  };
  if (spec.complexState === true) def.complexState = true;
  return def;
}
