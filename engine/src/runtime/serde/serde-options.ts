/** The serde options a source's WITH clause sets, for its key serde or its value serde. */
import type { DataSource } from '../../analyzer/index.js';
import type { SerdeOptions } from './formats.js';

export function serdeOptions(source: DataSource, part: 'key' | 'value'): SerdeOptions {
  const opts: SerdeOptions = {};
  if (source.wrapSingleValue !== undefined && part === 'value') opts.wrapSingleValue = source.wrapSingleValue;
  if (source.valueDelimiter !== undefined) opts.delimiter = source.valueDelimiter;
  const nullable = part === 'key' ? source.keyProtobufNullable : source.valueProtobufNullable;
  if (nullable !== undefined) opts.protobufNullable = nullable;
  return opts;
}
