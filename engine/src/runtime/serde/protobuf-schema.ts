/**
 * The protobuf schema ksqlDB derives from a source's columns for PROTOBUF_NOSR (no schema registry):
 * one message with a field per column, numbered in column order; DECIMAL as confluent.type.Decimal,
 * DATE as google.type.Date, TIME as google.type.TimeOfDay, TIMESTAMP as google.protobuf.Timestamp,
 * ARRAY as a repeated field, MAP as a map (STRING keys only), STRUCT as a nested message. How a
 * null is written depends on the nullable representation: none (proto3 defaults: a null reads back
 * as 0, "" or false), OPTIONAL (proto3 optional fields) or WRAPPER (google.protobuf wrappers).
 */
import protobuf from 'protobufjs';
import { type Column, KsqlTypeError, type ProtobufNullable, type SqlType } from '../../analyzer/index.js';

export type NullableRepresentation = ProtobufNullable;

const SCALARS: Partial<Record<SqlType['kind'], string>> = {
  INTEGER: 'int32',
  BIGINT: 'int64',
  DOUBLE: 'double',
  BOOLEAN: 'bool',
  STRING: 'string',
  BYTES: 'bytes',
};

const WRAPPERS: Partial<Record<SqlType['kind'], string>> = {
  INTEGER: 'google.protobuf.Int32Value',
  BIGINT: 'google.protobuf.Int64Value',
  DOUBLE: 'google.protobuf.DoubleValue',
  BOOLEAN: 'google.protobuf.BoolValue',
  STRING: 'google.protobuf.StringValue',
  BYTES: 'google.protobuf.BytesValue',
};

function message(name: string, fields: [string, string][]): protobuf.Type {
  const t = new protobuf.Type(name);
  fields.forEach(([field, type], i) => {
    t.add(new protobuf.Field(field, i + 1, type));
  });
  return t;
}

/** A root holding the well-known types the derived schemas refer to. */
function wellKnownRoot(): protobuf.Root {
  const root = new protobuf.Root();
  const wrappers = root.define('google.protobuf');
  for (const [type, name] of [
    ['int32', 'Int32Value'],
    ['int64', 'Int64Value'],
    ['double', 'DoubleValue'],
    ['bool', 'BoolValue'],
    ['string', 'StringValue'],
    ['bytes', 'BytesValue'],
  ] as const)
    wrappers.add(message(name, [['value', type]]));
  wrappers.add(
    message('Timestamp', [
      ['seconds', 'int64'],
      ['nanos', 'int32'],
    ]),
  );
  const gtype = root.define('google.type');
  gtype.add(
    message('Date', [
      ['year', 'int32'],
      ['month', 'int32'],
      ['day', 'int32'],
    ]),
  );
  gtype.add(
    message('TimeOfDay', [
      ['hours', 'int32'],
      ['minutes', 'int32'],
      ['seconds', 'int32'],
      ['nanos', 'int32'],
    ]),
  );
  root.define('confluent.type').add(
    message('Decimal', [
      ['value', 'bytes'],
      ['precision', 'uint32'],
      ['scale', 'int32'],
    ]),
  );
  return root;
}

/** Derives the message for `columns`; nested structs become nested messages. */
export function protobufMessage(columns: readonly Column[], nullable: NullableRepresentation): protobuf.Type {
  const root = wellKnownRoot();
  let structs = 0;
  const typeName = (t: SqlType, owner: protobuf.Type): string => {
    if (nullable === 'WRAPPER' && WRAPPERS[t.kind] !== undefined) return WRAPPERS[t.kind]!;
    const scalar = SCALARS[t.kind];
    if (scalar !== undefined) return scalar;
    switch (t.kind) {
      case 'DECIMAL':
        return 'confluent.type.Decimal';
      case 'DATE':
        return 'google.type.Date';
      case 'TIME':
        return 'google.type.TimeOfDay';
      case 'TIMESTAMP':
        return 'google.protobuf.Timestamp';
      case 'STRUCT': {
        const nested = new protobuf.Type(`ConnectDefault${++structs + 1}`);
        owner.add(nested);
        t.fields.forEach((f, i) => {
          addField(nested, f.name, i + 1, f.type);
        });
        return nested.name;
      }
      default:
        throw new KsqlTypeError(`PROTOBUF format does not support type '${t.kind}'`);
    }
  };
  const addField = (owner: protobuf.Type, name: string, id: number, t: SqlType): void => {
    if (t.kind === 'ARRAY') {
      owner.add(new protobuf.Field(name, id, typeName(t.item, owner), 'repeated'));
    } else if (t.kind === 'MAP') {
      if (t.key.kind !== 'STRING')
        throw new KsqlTypeError('PROTOBUF format only supports MAP types with STRING keys');
      owner.add(new protobuf.MapField(name, id, 'string', typeName(t.value, owner)));
    } else {
      const field = new protobuf.Field(name, id, typeName(t, owner));
      // proto3 `optional`: the field has presence, so an absent field reads back as null
      if (nullable === 'OPTIONAL' && SCALARS[t.kind] !== undefined) field.options = { proto3_optional: true };
      owner.add(field);
    }
  };
  const top = new protobuf.Type('ConnectDefault1');
  root.add(top);
  columns.forEach((c, i) => {
    addField(top, c.name, i + 1, c.type);
  });
  root.resolveAll();
  return top;
}
