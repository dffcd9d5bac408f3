/**
 * A function variant's signature and how an argument list matches it, with ksqlDB's resolution
 * rules: an argument matches its parameter exactly, as a NULL (matches anything), through a
 * generic or ANY, or through an implicit widening cast (INT → BIGINT → DECIMAL → DOUBLE; a string
 * literal → DATE / TIME / TIMESTAMP). Generics bind to the first non-null argument's type.
 */
import { NULL_TYPE, type SqlType, typeEquals } from '../types.js';
import { INTERVAL_UNIT_TYPE } from './interval-unit.js';
import { type ParamType, parseParamType } from './param-types.js';

export interface Param {
  type: ParamType;
  name: string;
  variadic: boolean;
}

/** How well an argument list fits a variant: lower is better. */
export enum MatchTier {
  Exact = 0,
  Generic = 1,
  Cast = 2,
}

export interface Match {
  tier: MatchTier;
  bindings: Map<string, SqlType>;
  /** Per argument: the type it is converted to before the call, when it needs a cast. */
  casts: (SqlType | undefined)[];
}

/** An argument as the resolver sees it: its type and whether it is a literal (for string → date). */
export interface ArgInfo {
  type: SqlType;
  literal?: boolean;
}

/** Parses `'STRING input'`, `'...INT values'`, `'ARRAY<T>'` into a parameter. */
export function parseParam(text: string, index: number): Param {
  let s = text.trim();
  const variadic = s.startsWith('...');
  if (variadic) s = s.slice(3).trim();
  const named = /^(.*[A-Z>])\s+([A-Za-z_]\w*)$/.exec(s);
  if (named !== null) {
    try {
      return { type: parseParamType(named[1]!), name: named[2]!, variadic };
    } catch {
      // the whole text is the type
    }
  }
  return { type: parseParamType(s), name: `arg${index}`, variadic };
}

const WIDENING: Record<string, readonly string[]> = {
  INTEGER: ['BIGINT', 'DECIMAL', 'DOUBLE'],
  BIGINT: ['DECIMAL', 'DOUBLE'],
  DECIMAL: ['DOUBLE'],
};

/** The decimal type an integral value widens to (ksqlDB: INT → DECIMAL(10, 0), BIGINT → DECIMAL(19, 0)). */
function widenedDecimal(from: SqlType): SqlType {
  return from.kind === 'INTEGER'
    ? { kind: 'DECIMAL', precision: 10, scale: 0 }
    : { kind: 'DECIMAL', precision: 19, scale: 0 };
}

function castTarget(arg: ArgInfo, target: SqlType['kind']): SqlType | undefined {
  if (WIDENING[arg.type.kind]?.includes(target))
    return target === 'DECIMAL' ? widenedDecimal(arg.type) : ({ kind: target } as SqlType);
  if (
    arg.literal &&
    arg.type.kind === 'STRING' &&
    (target === 'DATE' || target === 'TIME' || target === 'TIMESTAMP')
  )
    return { kind: target } as SqlType;
  return undefined;
}

interface ArgMatch {
  tier: MatchTier;
  cast?: SqlType;
}

/** Matches one argument type against a parameter type, binding generics. */
function matchType(p: ParamType, arg: ArgInfo, bindings: Map<string, SqlType>): ArgMatch | undefined {
  const t = arg.type;
  if (t === NULL_TYPE) return p.kind === 'lambda' ? undefined : { tier: MatchTier.Exact };
  if ((t === INTERVAL_UNIT_TYPE) !== (p.kind === 'intervalUnit')) return undefined;
  switch (p.kind) {
    case 'intervalUnit':
      return { tier: MatchTier.Exact };
    case 'any':
      return { tier: MatchTier.Generic };
    case 'lambda':
      return undefined;
    case 'concrete': {
      if (t.kind === p.type) return { tier: MatchTier.Exact };
      const cast = castTarget(arg, p.type);
      return cast === undefined ? undefined : { tier: MatchTier.Cast, cast };
    }
    case 'decimal': {
      if (t.kind === 'DECIMAL') return { tier: MatchTier.Exact };
      const cast = castTarget(arg, 'DECIMAL');
      return cast === undefined ? undefined : { tier: MatchTier.Cast, cast };
    }
    case 'struct':
      return t.kind === 'STRUCT' ? { tier: MatchTier.Exact } : undefined;
    case 'generic': {
      const bound = bindings.get(p.name);
      if (bound === undefined) {
        bindings.set(p.name, t);
        return { tier: MatchTier.Generic };
      }
      return typeEquals(bound, t) ? { tier: MatchTier.Generic } : undefined;
    }
    case 'array': {
      if (t.kind !== 'ARRAY') return undefined;
      const inner = matchType(p.item, { type: t.item }, bindings);
      return inner === undefined || inner.cast !== undefined ? undefined : inner;
    }
    case 'map': {
      if (t.kind !== 'MAP') return undefined;
      const k = matchType(p.key, { type: t.key }, bindings);
      const v = matchType(p.value, { type: t.value }, bindings);
      if (k === undefined || v === undefined || k.cast !== undefined || v.cast !== undefined)
        return undefined;
      return { tier: Math.max(k.tier, v.tier) as MatchTier };
    }
  }
}

/** Matches an argument list against a variant's parameters, or undefined when it cannot apply. */
export function matchArgs(params: readonly Param[], args: readonly ArgInfo[]): Match | undefined {
  const variadic = params.at(-1)?.variadic === true;
  const fixed = variadic ? params.length - 1 : params.length;
  if (variadic ? args.length < fixed : args.length !== fixed) return undefined;
  const bindings = new Map<string, SqlType>();
  const casts: (SqlType | undefined)[] = [];
  let tier = MatchTier.Exact;
  for (let i = 0; i < args.length; i++) {
    const p = params[Math.min(i, params.length - 1)]!;
    const m = matchType(p.type, args[i]!, bindings);
    if (m === undefined) return undefined;
    casts.push(m.cast);
    tier = Math.max(tier, m.tier) as MatchTier;
  }
  return { tier, bindings, casts };
}
