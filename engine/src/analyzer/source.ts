/**
 * The metastore's view of a stream or table, as the analyzer and everything after it sees it.
 */
import type { SqlType } from './types.js';

export type ColumnNamespace = 'KEY' | 'VALUE' | 'HEADER';

export interface Column {
  name: string;
  type: SqlType;
  namespace: ColumnNamespace;
  headerKey?: string;
}

export type FormatName = 'JSON' | 'DELIMITED' | 'KAFKA' | 'NONE' | 'PROTOBUF_NOSR';

/** How PROTOBUF_NOSR writes nulls (KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION; NONE = proto3 defaults). */
export type ProtobufNullable = 'NONE' | 'OPTIONAL' | 'WRAPPER';

export interface WindowInfo {
  type: 'TUMBLING' | 'HOPPING' | 'SESSION';
  /** Window size in ms (not for SESSION). */
  size?: number;
}

export interface DataSource {
  name: string;
  type: 'STREAM' | 'TABLE';
  /** Keys first, then values (ksqlDB's logical schema order). */
  columns: Column[];
  topic: string;
  keyFormat: FormatName;
  valueFormat: FormatName;
  /** Windowed key (windowed tables from CTAS, or WINDOW_TYPE on CREATE). */
  window?: WindowInfo;
  timestampColumn?: string;
  timestampFormat?: string;
  wrapSingleValue?: boolean;
  valueDelimiter?: string;
  keyProtobufNullable?: ProtobufNullable;
  valueProtobufNullable?: ProtobufNullable;
  /** CREATE SOURCE: read-only. */
  isSource: boolean;
  /** Created by CSAS/CTAS (its query id). */
  createdBy?: string;
  /** Columns that resolve in expressions but are not part of `SELECT *` (join pseudo columns). */
  hidden?: Column[];
  /** The statement that created it (DESCRIBE `statement`). */
  sql: string;
}

export function keyColumns(s: { columns: Column[] }): Column[] {
  return s.columns.filter((c) => c.namespace === 'KEY');
}
export function valueColumns(s: { columns: Column[] }): Column[] {
  return s.columns.filter((c) => c.namespace === 'VALUE');
}
