/**
 * PROTOBUF_NOSR keys and values: a row as one message of the schema derived from its columns
 * (`protobuf-schema.ts`), written without a schema-registry prefix. Nulls follow the nullable
 * representation: with none, a null is written as the field's default and reads back as it
 * (0, "", false), as ksqlDB's protobuf does; OPTIONAL and WRAPPER keep nulls.
 */
import type protobuf from 'protobufjs';
import { type Column, Decimal, newStruct, type SqlType } from '../../analyzer/index.js';
import { type NullableRepresentation, protobufMessage } from './protobuf-schema.js';
import { SerdeError } from './serde-error.js';

const DAY_MS = 86_400_000;

function twosComplement(n: bigint): Buffer {
  let hex = (n < 0n ? (1n << BigInt(8 * byteLength(n))) + n : n).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  return b.length < byteLength(n)
    ? Buffer.concat([Buffer.alloc(byteLength(n) - b.length, n < 0n ? 0xff : 0), b])
    : b;
}

function byteLength(n: bigint): number {
  const bits = (n < 0n ? -n - 1n : n).toString(2).length + 1;
  return Math.ceil(bits / 8);
}

function fromTwosComplement(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  const v = BigInt(`0x${Buffer.from(b).toString('hex')}`);
  return (b[0]! & 0x80) !== 0 ? v - (1n << BigInt(8 * b.length)) : v;
}

/** An int64 as protobufjs decodes it (a Long object, or a number) as a BIGINT. */
const long = (v: unknown): bigint =>
  typeof v === 'object' && v !== null ? BigInt(String(v)) : BigInt(v as number);

function toProto(v: unknown, t: SqlType, nullable: NullableRepresentation): unknown {
  if (v === null || v === undefined) return undefined;
  const scalar = (): unknown => {
    switch (t.kind) {
      case 'BIGINT':
        return (v as bigint).toString();
      case 'DECIMAL': {
        const d = v as Decimal;
        return { value: twosComplement(d.unscaled), precision: t.precision, scale: d.scale };
      }
      case 'DATE': {
        const d = new Date((v as number) * DAY_MS);
        return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      }
      case 'TIME': {
        const ms = v as number;
        return {
          hours: Math.floor(ms / 3_600_000),
          minutes: Math.floor(ms / 60_000) % 60,
          seconds: Math.floor(ms / 1000) % 60,
          nanos: (ms % 1000) * 1_000_000,
        };
      }
      case 'TIMESTAMP': {
        const ms = v as number;
        return { seconds: String(Math.floor(ms / 1000)), nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000 };
      }
      case 'ARRAY':
        return (v as unknown[]).map((x) => toProto(x, t.item, nullable));
      case 'MAP':
        return Object.fromEntries(
          [...(v as Map<string, unknown>)].map(([k, x]) => [k, toProto(x, t.value, nullable)]),
        );
      case 'STRUCT': {
        const s = v as Record<string, unknown>;
        return Object.fromEntries(t.fields.map((f) => [f.name, toProto(s[f.name], f.type, nullable)]));
      }
      default:
        return v;
    }
  };
  const isWrapped =
    nullable === 'WRAPPER' && ['INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'STRING', 'BYTES'].includes(t.kind);
  return isWrapped ? { value: scalar() } : scalar();
}

function scalarDefault(t: SqlType): unknown {
  switch (t.kind) {
    case 'INTEGER':
    case 'DOUBLE':
      return 0;
    case 'BIGINT':
      return 0n;
    case 'BOOLEAN':
      return false;
    case 'STRING':
      return '';
    case 'BYTES':
      return Buffer.alloc(0);
    default:
      return null;
  }
}

function fromProto(
  owner: Record<string, unknown>,
  name: string,
  t: SqlType,
  nullable: NullableRepresentation,
): unknown {
  const present = Object.hasOwn(owner, name);
  const raw = owner[name];
  if (t.kind === 'ARRAY')
    return ((raw as unknown[] | undefined) ?? []).map((x) => fromValue(x, t.item, nullable, true));
  if (t.kind === 'MAP')
    return new Map(
      Object.entries((raw as Record<string, unknown> | undefined) ?? {}).map(([k, x]) => [
        k,
        fromValue(x, t.value, nullable, true),
      ]),
    );
  if (!present || raw === null || raw === undefined) return nullable === 'NONE' ? scalarDefault(t) : null;
  return fromValue(raw, t, nullable, false);
}

function fromValue(raw: unknown, t: SqlType, nullable: NullableRepresentation, element: boolean): unknown {
  if (nullable === 'WRAPPER' && !element && scalarDefault(t) !== null) {
    const w = raw as Record<string, unknown>;
    return Object.hasOwn(w, 'value') ? fromValue(w['value'], t, 'NONE', true) : scalarDefault(t);
  }
  switch (t.kind) {
    case 'BIGINT':
      return long(raw);
    case 'BYTES':
      return Buffer.from(raw as Uint8Array);
    case 'DECIMAL': {
      const d = raw as { value?: Uint8Array; scale?: number };
      return new Decimal(fromTwosComplement(d.value ?? new Uint8Array()), d.scale ?? 0);
    }
    case 'DATE': {
      const d = raw as { year?: number; month?: number; day?: number };
      return Date.UTC(d.year ?? 1970, (d.month ?? 1) - 1, d.day ?? 1) / DAY_MS;
    }
    case 'TIME': {
      const d = raw as { hours?: number; minutes?: number; seconds?: number; nanos?: number };
      return (
        (((d.hours ?? 0) * 60 + (d.minutes ?? 0)) * 60 + (d.seconds ?? 0)) * 1000 +
        Math.floor((d.nanos ?? 0) / 1e6)
      );
    }
    case 'TIMESTAMP': {
      const d = raw as { seconds?: unknown; nanos?: number };
      return Number(long(d.seconds ?? 0)) * 1000 + Math.floor((d.nanos ?? 0) / 1e6);
    }
    case 'STRUCT': {
      const s = newStruct();
      const m = raw as Record<string, unknown>;
      for (const f of t.fields) s[f.name] = fromProto(m, f.name, f.type, nullable);
      return s;
    }
    default:
      return raw;
  }
}

/** A row codec for `columns` as one PROTOBUF_NOSR message. */
export interface ProtobufRowCodec {
  encode(values: readonly unknown[]): Buffer;
  decode(bytes: Buffer): unknown[];
}

export function createProtobufCodec(
  columns: readonly Column[],
  nullable: NullableRepresentation = 'NONE',
): ProtobufRowCodec {
  const type: protobuf.Type = protobufMessage(columns, nullable);
  return {
    encode(values) {
      const o: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const v = toProto(values[i], c.type, nullable);
        if (v !== undefined) o[c.name] = v;
      });
      return Buffer.from(type.encode(type.fromObject(o)).finish());
    },
    decode(bytes) {
      let m: Record<string, unknown>;
      try {
        m = type.decode(bytes) as unknown as Record<string, unknown>;
      } catch (e) {
        throw new SerdeError(`Failed to deserialize PROTOBUF_NOSR: ${(e as Error).message}`);
      }
      return columns.map((c) => fromProto(m, c.name, c.type, nullable));
    },
  };
}
