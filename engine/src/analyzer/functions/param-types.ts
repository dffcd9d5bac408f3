/**
 * Parameter types of function signatures, written as ksqlDB's function reference writes them:
 * `STRING`, `INT`, `BIGINT`, `DOUBLE`, `DECIMAL` (any precision and scale), `BOOLEAN`, `BYTES`,
 * `TIMESTAMP`, `DATE`, `TIME`, `INTERVALUNIT` (a time unit: `DAYS`), `ARRAY<T>`, `MAP<K, V>`, `STRUCT` (any struct), a single upper-case
 * letter for a generic (`T`, `K`, `V`, `U`, `S`), `ANY` for any type, and `LAMBDA` for a lambda
 * argument. A leading `...` marks the variadic last parameter (`...STRING`).
 */
import type { SqlType } from '../types.js';

export type ParamType =
  | { kind: 'concrete'; type: SqlType['kind'] }
  | { kind: 'decimal' }
  | { kind: 'struct' }
  | { kind: 'any' }
  | { kind: 'lambda' }
  | { kind: 'intervalUnit' }
  | { kind: 'generic'; name: string }
  | { kind: 'array'; item: ParamType }
  | { kind: 'map'; key: ParamType; value: ParamType };

const CONCRETE: Record<string, SqlType['kind']> = {
  STRING: 'STRING',
  VARCHAR: 'STRING',
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  BYTES: 'BYTES',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  TIME: 'TIME',
};

/** Parses one parameter type (without the variadic `...`). */
export function parseParamType(text: string): ParamType {
  const s = text.trim();
  const inner = (prefix: string) => s.slice(prefix.length, -1);
  if (s.startsWith('ARRAY<') && s.endsWith('>'))
    return { kind: 'array', item: parseParamType(inner('ARRAY<')) };
  if (s.startsWith('MAP<') && s.endsWith('>')) {
    const body = inner('MAP<');
    const comma = topLevelComma(body);
    return {
      kind: 'map',
      key: parseParamType(body.slice(0, comma)),
      value: parseParamType(body.slice(comma + 1)),
    };
  }
  if (s === 'DECIMAL') return { kind: 'decimal' };
  if (s === 'STRUCT') return { kind: 'struct' };
  if (s === 'ANY') return { kind: 'any' };
  if (s === 'LAMBDA') return { kind: 'lambda' };
  if (s === 'INTERVALUNIT') return { kind: 'intervalUnit' };
  const concrete = CONCRETE[s];
  if (concrete !== undefined) return { kind: 'concrete', type: concrete };
  if (/^[A-Z]$/.test(s)) return { kind: 'generic', name: s };
  throw new Error(`unknown parameter type '${text}'`);
}

function topLevelComma(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') depth++;
    else if (s[i] === '>') depth--;
    else if (s[i] === ',' && depth === 0) return i;
  }
  throw new Error(`expected 'K, V' in MAP<${s}>`);
}

/** The type as DESCRIBE FUNCTION prints it (ksqlDB: `VARCHAR`, `INT`, `ARRAY<T>`). */
export function printParamType(p: ParamType): string {
  switch (p.kind) {
    case 'concrete':
      return p.type === 'STRING' ? 'VARCHAR' : p.type === 'INTEGER' ? 'INT' : p.type;
    case 'decimal':
      return 'DECIMAL';
    case 'struct':
      return 'STRUCT';
    case 'any':
      return 'ANY';
    case 'lambda':
      return 'LAMBDA';
    case 'intervalUnit':
      return 'INTERVALUNIT';
    case 'generic':
      return p.name;
    case 'array':
      return `ARRAY<${printParamType(p.item)}>`;
    case 'map':
      return `MAP<${printParamType(p.key)}, ${printParamType(p.value)}>`;
  }
}

/** Fills generics in a parameter type from bindings (unbound generics stay unknown: undefined). */
export function instantiate(p: ParamType, bindings: ReadonlyMap<string, SqlType>): SqlType | undefined {
  switch (p.kind) {
    case 'concrete':
      return { kind: p.type } as SqlType;
    case 'generic':
      return bindings.get(p.name);
    case 'array': {
      const item = instantiate(p.item, bindings);
      return item === undefined ? undefined : { kind: 'ARRAY', item };
    }
    case 'map': {
      const key = instantiate(p.key, bindings);
      const value = instantiate(p.value, bindings);
      return key === undefined || value === undefined ? undefined : { kind: 'MAP', key, value };
    }
    default:
      return undefined;
  }
}
