/**
 * Whether a value format can carry a source's value columns, and whether its single value is
 * wrapped in an object — with ksqlDB's messages when a statement asks for what a format cannot do.
 */
import { type Column, type DataSource, KsqlTypeError, valueColumns } from '../../analyzer/index.js';
import { printType } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import { prop } from '../context.js';
import { protobufNullable, strProp } from '../with-clause.js';

const KAFKA_TYPES = ['STRING', 'INTEGER', 'BIGINT', 'DOUBLE', 'BYTES'];
const COMPLEX = ['STRUCT', 'ARRAY', 'MAP'];

/** KAFKA values: at most one column of a primitive type; DELIMITED values: no STRUCT, ARRAY or MAP. */
export function valueFormatCheck(valueFormat: string, values: readonly Column[]): void {
  if (valueFormat === 'KAFKA' && values.length > 1) {
    const cols = values.map((c) => `\`${c.name}\` ${printType(c.type)}`).join(', ');
    throw new KsqlTypeError(`The 'KAFKA' format only supports a single field. Got: [${cols}]`);
  }
  for (const c of values) {
    if (valueFormat === 'KAFKA' && !KAFKA_TYPES.includes(c.type.kind))
      throw new KsqlTypeError(`The 'KAFKA' format does not support type '${c.type.kind}'`);
    if (valueFormat === 'DELIMITED' && COMPLEX.includes(c.type.kind))
      throw new KsqlTypeError(
        `The 'DELIMITED' format does not support type '${c.type.kind}', column: \`${c.name}\``,
      );
  }
}

/**
 * WRAP_SINGLE_VALUE of a new source or sink: the WITH clause's (refused unless there is exactly one
 * value column), else `ksql.persistence.wrap.single.values` for a single-column value, else unset
 * (the format's default: wrapped).
 */
export function wrapSingleValue(
  properties: Record<string, unknown>,
  ctx: ExecContext,
  config: Record<string, string>,
  valueColumns: number,
): boolean | undefined {
  const explicit = properties['WRAP_SINGLE_VALUE'];
  if (explicit !== undefined) {
    if (valueColumns !== 1)
      throw new KsqlTypeError("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
    return String(explicit).toLowerCase() === 'true';
  }
  const configured = prop(ctx, config, 'ksql.persistence.wrap.single.values');
  if (configured === undefined || valueColumns !== 1) return undefined;
  return configured.toLowerCase() === 'true';
}

/**
 * The serde properties of a WITH clause, set on a new source or sink (CREATE and CREATE … AS
 * SELECT alike): value format rules, WRAP_SINGLE_VALUE, the protobuf nullable representations and
 * VALUE_DELIMITER (`TAB` and `SPACE` by name).
 */
export function applySerdeProperties(
  target: DataSource,
  properties: Record<string, unknown>,
  ctx: ExecContext,
  config: Record<string, string>,
): void {
  const values = valueColumns(target);
  valueFormatCheck(target.valueFormat, values);
  const wrap = wrapSingleValue(properties, ctx, config, values.length);
  if (wrap !== undefined) target.wrapSingleValue = wrap;
  const props = properties as Parameters<typeof protobufNullable>[0];
  const keyNullable = protobufNullable(props, 'KEY', target.keyFormat);
  if (keyNullable !== undefined) target.keyProtobufNullable = keyNullable;
  const valueNullable = protobufNullable(props, 'VALUE', target.valueFormat);
  if (valueNullable !== undefined) target.valueProtobufNullable = valueNullable;
  const delim = strProp(props, 'VALUE_DELIMITER');
  if (delim !== undefined) target.valueDelimiter = delim === 'TAB' ? '\t' : delim === 'SPACE' ? ' ' : delim;
}
