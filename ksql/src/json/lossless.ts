import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import type { KsqlValue } from '../client/types.js';
import type { KsqlType } from './ksql-type.js';

/** Parses JSON keeping every number as a `LosslessNumber` (its exact text). */
export function parseLossless(text: string): unknown {
  return parse(text, null, (value) => new LosslessNumber(value));
}

/** Serializes JSON; `bigint` and `LosslessNumber` are written as exact numbers. */
export function stringifyLossless(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * Turns a parsed JSON value into a `KsqlValue` using the column type when known: DECIMAL stays the
 * server's text (keeping its scale), DOUBLE becomes a number, integers beyond ±2^53 become bigint.
 * Without a type, integers follow the BIGINT rule and other numbers become doubles.
 */
export function toKsqlValue(raw: unknown, type?: KsqlType): KsqlValue {
  if (raw === null || raw === undefined) return null;
  if (isLosslessNumber(raw)) return decodeNumber(raw.value, type);
  if (typeof raw === 'number') return decodeNumber(String(raw), type);
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) {
    const element = type?.kind === 'ARRAY' ? type.element : undefined;
    return raw.map((item) => toKsqlValue(item, element));
  }
  if (typeof raw === 'object') {
    const out: { [field: string]: KsqlValue } = {};
    for (const [field, value] of Object.entries(raw)) out[field] = toKsqlValue(value, fieldType(type, field));
    return out;
  }
  return String(raw);
}

function fieldType(type: KsqlType | undefined, field: string): KsqlType | undefined {
  if (type?.kind === 'MAP') return type.value;
  if (type?.kind === 'STRUCT') return type.fields.find((f) => f.name === field)?.type;
  return undefined;
}

const integerText = /^-?\d+$/;

function decodeNumber(text: string, type: KsqlType | undefined): KsqlValue {
  if (type?.kind === 'DECIMAL') return text;
  if (type?.kind === 'SCALAR' && type.name === 'DOUBLE') return Number(text);
  if (integerText.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return Number(text);
}
