/**
 * WITH-clause handling: formats (KEY_FORMAT/VALUE_FORMAT/FORMAT), schema-registry formats refused,
 * KAFKA_TOPIC/PARTITIONS/REPLICAS/TIMESTAMP/WRAP_SINGLE_VALUE/WINDOW_TYPE.
 */
import { type FormatName, KsqlTypeError, type ProtobufNullable, type WindowInfo } from '../analyzer/index.js';
import type { PropertyValue } from '../syntax/index.js';
import { TIME_UNITS } from '../syntax/time-units.js';

const SR_FORMATS = new Set(['AVRO', 'PROTOBUF', 'JSON_SR']);
const FORMATS = new Set(['JSON', 'DELIMITED', 'KAFKA', 'NONE', 'PROTOBUF_NOSR']);

export interface Formats {
  keyFormat: FormatName;
  valueFormat: FormatName;
}

function checkFormat(f: string, what: 'key' | 'value'): FormatName {
  const u = f.toUpperCase();
  if (SR_FORMATS.has(u)) {
    throw new KsqlTypeError(
      `Cannot create ${what} format ${u}: schema registry is not configured. This engine supports JSON, DELIMITED, KAFKA, NONE and PROTOBUF_NOSR (set 'ksql.schema.registry.url' on a real ksqlDB server to use ${u}).`,
    );
  }
  if (!FORMATS.has(u)) throw new KsqlTypeError(`Unknown format: ${u}`);
  if (u === 'NONE' && what === 'value')
    throw new KsqlTypeError(`The 'NONE' format can only be used as a key format.`);
  return u as FormatName;
}

/** Resolves the formats of a WITH clause; `defaults` supplies inherited formats (CSAS/CTAS). */
export function resolveFormats(
  props: Record<string, PropertyValue>,
  defaults: Partial<Formats>,
  defaultKeyFormat: string,
): Formats {
  const format = props.FORMAT;
  if (format !== undefined && (props.KEY_FORMAT !== undefined || props.VALUE_FORMAT !== undefined)) {
    throw new KsqlTypeError(
      "Cannot supply both 'FORMAT' and 'KEY_FORMAT' / 'VALUE_FORMAT' properties, as 'FORMAT' sets both key and value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.",
    );
  }
  const value = format ?? props.VALUE_FORMAT ?? defaults.valueFormat;
  if (value === undefined) {
    throw new KsqlTypeError(
      "Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.",
    );
  }
  const key = format ?? props.KEY_FORMAT ?? defaults.keyFormat ?? defaultKeyFormat;
  return { keyFormat: checkFormat(String(key), 'key'), valueFormat: checkFormat(String(value), 'value') };
}

/** `WINDOW_TYPE`/`WINDOW_SIZE` of a CREATE over a windowed topic. */
export function resolveWindow(props: Record<string, PropertyValue>): WindowInfo | undefined {
  const type = props.WINDOW_TYPE;
  if (type === undefined) return undefined;
  const t = String(type).toUpperCase();
  if (t !== 'TUMBLING' && t !== 'HOPPING' && t !== 'SESSION')
    throw new KsqlTypeError(`Invalid WINDOW_TYPE: ${t}`);
  if (t === 'SESSION') return { type: 'SESSION' };
  const size = props.WINDOW_SIZE;
  if (size === undefined)
    throw new KsqlTypeError(
      `${t} windows require 'WINDOW_SIZE' to be provided in the WITH clause. For example: 'WINDOW_SIZE'='10 SECONDS'`,
    );
  const m = /^\s*(\d+)\s+(\S+)\s*$/.exec(String(size));
  const unit = m === null ? undefined : TIME_UNITS[m[2]!.toUpperCase()];
  if (m === null || unit === undefined) {
    throw new KsqlTypeError(
      `Configuration WINDOW_SIZE is invalid: Invalid duration: '${String(size)}'. Unknown time unit: '${(m?.[2] ?? '').toUpperCase()}'`,
    );
  }
  return { type: t, size: Number(m[1]) * unit };
}

export function intProp(props: Record<string, PropertyValue>, name: string): number | undefined {
  const v = props[name];
  return v === undefined ? undefined : Number(v);
}

export function strProp(props: Record<string, PropertyValue>, name: string): string | undefined {
  const v = props[name];
  return v === undefined ? undefined : String(v);
}

/** KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION (PROTOBUF_NOSR only): OPTIONAL or WRAPPER. */
export function protobufNullable(
  props: Record<string, PropertyValue>,
  part: 'KEY' | 'VALUE',
  format: FormatName,
): ProtobufNullable | undefined {
  const name = `${part}_PROTOBUF_NULLABLE_REPRESENTATION`;
  const v = props[name];
  if (v === undefined) return undefined;
  if (format !== 'PROTOBUF_NOSR')
    throw new KsqlTypeError(`${name} is only valid for the PROTOBUF formats, not ${format}`);
  const u = String(v).toUpperCase();
  if (u !== 'OPTIONAL' && u !== 'WRAPPER')
    throw new KsqlTypeError(`Invalid value for ${name}: ${String(v)} (expected OPTIONAL or WRAPPER)`);
  return u;
}
