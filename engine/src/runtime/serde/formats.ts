/**
 * Key and value serdes for the JSON, DELIMITED, KAFKA and NONE formats, including Kafka Streams'
 * windowed key layout (inner key + 8-byte start, session: + 8-byte end + 8-byte start).
 */
import { parse } from 'lossless-json';
import {
  type Column,
  Decimal,
  type FormatName,
  type ProtobufNullable,
  type SqlType,
  type WindowInfo,
} from '../../analyzer/index.js';
import { coerceJson, fieldIndex, getField, pickFields } from './coerce-json.js';
import { csvLine, parseCsvLine } from './delimited.js';
import { javaDouble } from './java-double.js';
import { scanJsonFields } from './json-fields.js';
import { renderJson } from './json-text.js';
import { hasLongDigitRun } from './long-digits.js';
import { createProtobufCodec } from './protobuf.js';
import { SerdeError } from './serde-error.js';

export interface Window {
  start: number;
  end: number;
}

export interface KeySerde {
  serialize(key: unknown[], window?: Window): Buffer | null;
  deserialize(bytes: Buffer | null): { key: unknown[]; window?: Window };
}

export interface ValueSerde {
  serialize(values: unknown[] | null): Buffer | null;
  deserialize(bytes: Buffer | null): unknown[] | null;
}

export interface SerdeOptions {
  wrapSingleValue?: boolean;
  delimiter?: string;
  /** Value columns a reader needs; the others are left null without being coerced (JSON). */
  needed?: ReadonlySet<string>;
  /** PROTOBUF_NOSR: how nulls are written. */
  protobufNullable?: ProtobufNullable;
}

function parseJson(bytes: Buffer): unknown {
  try {
    // Numbers that a double cannot hold exactly (16+ digits) need the lossless parser.
    const text = bytes.toString('utf8');
    return hasLongDigitRun(bytes) ? parse(text) : JSON.parse(text);
  } catch (e) {
    throw new SerdeError(`Failed to deserialize JSON: ${(e as Error).message}`);
  }
}

/**
 * Renders values as a JSON object of the columns (ksqlDB's value layout), the names' JSON text
 * computed once: this runs for every record a query writes.
 */
function objectRenderer(cols: Column[]): (values: unknown[]) => string {
  const heads = cols.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
  const types = cols.map((c) => c.type);
  return (values) => {
    if (heads.length === 0) return '{}';
    let text = '';
    for (let i = 0; i < heads.length; i++) text += heads[i]! + renderJson(values[i], types[i]!, 'topic');
    return `${text}}`;
  };
}

function textToValue(s: string | null, t: SqlType): unknown {
  if (s === null) return null;
  if (t.kind === 'STRING') return s;
  return coerceJson(s, t);
}

function primitiveText(v: unknown, t: SqlType): string | null {
  if (v === null || v === undefined) return null;
  if (t.kind === 'DOUBLE') return javaDouble(v as number);
  if (t.kind === 'DECIMAL') return (v as Decimal).withScale(t.scale).toString();
  if (t.kind === 'STRING') return String(v);
  if (t.kind === 'BYTES') return (v as Buffer).toString('base64');
  return String(v);
}

/** KAFKA format: one primitive column. */
function kafkaSerialize(v: unknown, t: SqlType): Buffer | null {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'STRING':
      return Buffer.from(v as string, 'utf8');
    case 'INTEGER': {
      const b = Buffer.alloc(4);
      b.writeInt32BE(v as number);
      return b;
    }
    case 'BIGINT': {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(v as number));
      return b;
    }
    case 'DOUBLE': {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v as number);
      return b;
    }
    case 'BYTES':
      return v as Buffer;
    default:
      throw new SerdeError(`The 'KAFKA' format does not support type '${t.kind}'`);
  }
}

function kafkaDeserialize(b: Buffer | null, t: SqlType): unknown {
  if (b === null) return null;
  switch (t.kind) {
    case 'STRING':
      return b.toString('utf8');
    case 'INTEGER':
      if (b.length !== 4) throw new SerdeError(`Size of data received by IntegerDeserializer is not 4`);
      return b.readInt32BE();
    case 'BIGINT':
      if (b.length !== 8) throw new SerdeError(`Size of data received by LongDeserializer is not 8`);
      return b.readBigInt64BE();
    case 'DOUBLE':
      if (b.length !== 8) throw new SerdeError(`Size of data received by DoubleDeserializer is not 8`);
      return b.readDoubleBE();
    case 'BYTES':
      return b;
    default:
      throw new SerdeError(`The 'KAFKA' format does not support type '${t.kind}'`);
  }
}

function innerKeySerde(format: FormatName, cols: Column[], opts: SerdeOptions): KeySerde {
  const types = cols.map((c) => c.type);
  switch (format) {
    case 'PROTOBUF_NOSR': {
      const codec = createProtobufCodec(cols, opts.protobufNullable);
      return {
        serialize: (key) => codec.encode(key),
        deserialize: (b) => ({ key: b === null ? cols.map(() => null) : codec.decode(b) }),
      };
    }
    case 'NONE':
      return { serialize: () => null, deserialize: () => ({ key: [] }) };
    case 'KAFKA':
      if (cols.length === 0) return { serialize: () => null, deserialize: () => ({ key: [] }) };
      return {
        serialize: (key) => kafkaSerialize(key[0], types[0]!),
        deserialize: (b) => ({ key: [kafkaDeserialize(b, types[0]!)] }),
      };
    case 'JSON': {
      if (cols.length === 0) return { serialize: () => null, deserialize: () => ({ key: [] }) };
      if (cols.length === 1) {
        return {
          serialize: (key) =>
            key[0] === null || key[0] === undefined
              ? null
              : Buffer.from(renderJson(key[0], types[0]!, 'topic')),
          deserialize: (b) => ({ key: [b === null ? null : coerceJson(parseJson(b), types[0]!)] }),
        };
      }
      const renderObject = objectRenderer(cols);
      return {
        serialize: (key) => Buffer.from(renderObject(key)),
        deserialize: (b) => {
          if (b === null) return { key: cols.map(() => null) };
          const o = parseJson(b) as Record<string, unknown> | null;
          return { key: cols.map((c) => (o === null ? null : coerceJson(getField(o, c.name), c.type))) };
        },
      };
    }
    case 'DELIMITED': {
      const d = opts.delimiter ?? ',';
      return {
        serialize: (key) =>
          cols.length === 0
            ? null
            : Buffer.from(
                csvLine(
                  key.map((v, i) => primitiveText(v, types[i]!)),
                  d,
                ),
              ),
        deserialize: (b) => {
          if (b === null) return { key: cols.map(() => null) };
          const f = parseCsvLine(b.toString('utf8'), d);
          return { key: cols.map((c, i) => textToValue(f[i] ?? null, c.type)) };
        },
      };
    }
  }
}

/** Bytes a windowed key adds after the inner key: the start (time windows), or end and start (sessions). */
export function windowSuffixBytes(window: WindowInfo): number {
  return window.type === 'SESSION' ? 16 : 8;
}

/** The key serde of a source (windowed when `window` is set). */
export function createKeySerde(
  format: FormatName,
  cols: Column[],
  window: WindowInfo | undefined,
  opts: SerdeOptions = {},
): KeySerde {
  const inner = innerKeySerde(format, cols, opts);
  if (window === undefined) return inner;
  const session = window.type === 'SESSION';
  const size = window.size ?? 0;
  const suffix = windowSuffixBytes(window);
  return {
    serialize: (key, w) => {
      const k = inner.serialize(key) ?? Buffer.alloc(0);
      const win = w ?? { start: 0, end: 0 };
      const tail = Buffer.alloc(suffix);
      if (session) {
        tail.writeBigInt64BE(BigInt(win.end), 0);
        tail.writeBigInt64BE(BigInt(win.start), 8);
      } else tail.writeBigInt64BE(BigInt(win.start), 0);
      return Buffer.concat([k, tail]);
    },
    deserialize: (b) => {
      if (b === null || b.length < suffix) throw new SerdeError('Windowed key too short');
      const n = b.length - suffix;
      const k = inner.deserialize(n === 0 && cols.length === 0 ? null : b.subarray(0, n));
      if (session) {
        const end = Number(b.readBigInt64BE(n));
        const start = Number(b.readBigInt64BE(n + 8));
        return { key: k.key, window: { start, end } };
      }
      const start = Number(b.readBigInt64BE(n));
      return { key: k.key, window: { start, end: start + size } };
    },
  };
}

/** The value serde of a source. */
export function createValueSerde(format: FormatName, cols: Column[], opts: SerdeOptions = {}): ValueSerde {
  const types = cols.map((c) => c.type);
  switch (format) {
    case 'PROTOBUF_NOSR': {
      const codec = createProtobufCodec(cols, opts.protobufNullable);
      return {
        serialize: (values) => (values === null ? null : codec.encode(values)),
        deserialize: (b) => (b === null ? null : codec.decode(b)),
      };
    }
    case 'JSON': {
      const unwrapped = opts.wrapSingleValue === false && cols.length === 1;
      const names = cols.map((c) => c.name);
      const index = fieldIndex(names);
      const needed = opts.needed;
      const reads = cols.map((c) => needed === undefined || needed.has(c.name));
      const renderObject = objectRenderer(cols);
      return {
        serialize: (values) => {
          if (values === null) return null;
          if (unwrapped) return Buffer.from(renderJson(values[0], types[0]!, 'topic'));
          return Buffer.from(renderObject(values));
        },
        deserialize: (b) => {
          if (b === null) return null;
          if (!unwrapped) {
            // The common case, a JSON object: only the fields read are turned into values.
            const row: unknown[] = new Array(cols.length);
            if (scanJsonFields(b, index, reads, parseJson, row)) {
              for (let i = 0; i < row.length; i++) row[i] = reads[i] ? coerceJson(row[i], types[i]!) : null;
              return row;
            }
          }
          const v = parseJson(b);
          if (unwrapped) return [coerceJson(v, types[0]!)];
          if (v === null) return null;
          if (typeof v !== 'object' || Array.isArray(v)) {
            if (cols.length === 1) return [coerceJson(v, types[0]!)];
            throw new SerdeError(
              `Can't convert type. sourceType: ${Array.isArray(v) ? 'ArrayNode' : 'TextNode'}, requiredType: STRUCT`,
            );
          }
          const picked = pickFields(v as Record<string, unknown>, names, index);
          return cols.map((c, i) => (reads[i] ? coerceJson(picked[i], c.type) : null));
        },
      };
    }
    case 'DELIMITED': {
      const d = opts.delimiter ?? ',';
      return {
        serialize: (values) =>
          values === null
            ? null
            : Buffer.from(
                csvLine(
                  values.map((v, i) => primitiveText(v, types[i]!)),
                  d,
                ),
              ),
        deserialize: (b) => {
          if (b === null) return null;
          const f = parseCsvLine(b.toString('utf8'), d);
          if (f.length !== cols.length) {
            throw new SerdeError(
              `Column count mismatch on deserialization. topic: , expected: ${cols.length}, got: ${f.length}`,
            );
          }
          return cols.map((c, i) => textToValue(f[i] ?? null, c.type));
        },
      };
    }
    case 'KAFKA':
      return {
        serialize: (values) => (values === null ? null : kafkaSerialize(values[0], types[0]!)),
        deserialize: (b) => (b === null ? null : [kafkaDeserialize(b, types[0]!)]),
      };
    case 'NONE':
      return { serialize: () => null, deserialize: () => [] };
  }
}

export { Decimal };
