/**
 * Source decoding: a consumed record → a source row (key values, value values, timestamp, window).
 * Stream semantics: a null value is skipped. Table semantics: a null key is skipped, a null value is
 * a tombstone (value = null). Bytes that fail to deserialize raise `SerdeError` (processing log).
 */
import type { DataSource } from '../../analyzer/index.js';
import {
  type HeaderEntry,
  headerColumns,
  headerColumnValue,
  keyColumns,
  valueColumns,
} from '../../analyzer/index.js';
import { newRow, type Row } from '../eval/compile.js';
import {
  createKeySerde,
  createValueSerde,
  type KeySerde,
  serdeOptions,
  type ValueSerde,
  type Window,
} from '../serde/index.js';
import { createTimestampReader } from '../timestamp-extractor.js';
import type { ConsumedRecord } from '../topic-store.js';

export interface SourceRow {
  key: unknown[];
  value: unknown[] | null;
  ts: number;
  partition: number;
  offset: number;
  window?: Window;
  /** The record's headers, kept only when the source has header columns. */
  headers?: readonly HeaderEntry[];
}

export interface SourceDecoder {
  keySerde: KeySerde;
  valueSerde: ValueSerde;
  /** Undefined when the record is skipped by stream/table semantics. */
  decode(r: ConsumedRecord): SourceRow | undefined;
  /** The row object expressions evaluate against. */
  toRow(s: SourceRow): Row;
}

/**
 * `needed`: the columns the query reads (others are neither coerced nor put in the row); all when
 * absent.
 */
export function createSourceDecoder(source: DataSource, needed?: ReadonlySet<string>): SourceDecoder {
  const keys = keyColumns(source);
  const values = valueColumns(source);
  const keySerde = createKeySerde(source.keyFormat, keys, source.window, serdeOptions(source, 'key'));
  const valueOpts = serdeOptions(source, 'value');
  const valueSerde = createValueSerde(
    source.valueFormat,
    values,
    needed === undefined ? valueOpts : { ...valueOpts, needed },
  );
  const tsIndex =
    source.timestampColumn === undefined ? -1 : values.findIndex((c) => c.name === source.timestampColumn);
  const tsKeyIndex =
    source.timestampColumn === undefined ? -1 : keys.findIndex((c) => c.name === source.timestampColumn);
  const tsColumn = source.columns.find((c) => c.name === source.timestampColumn);
  const readTs = tsColumn === undefined ? undefined : createTimestampReader(tsColumn, source.timestampFormat);
  const isTable = source.type === 'TABLE';
  // The row carries only the columns the query reads: a vote has eighteen, a query reads two.
  const read = (columns: { name: string }[]): [string, number][] =>
    columns.flatMap((c, i): [string, number][] =>
      needed === undefined || needed.has(c.name) ? [[c.name, i]] : [],
    );
  const keysRead = read(keys);
  const valuesRead = read(values);
  const headersRead = headerColumns(source).filter((c) => needed === undefined || needed.has(c.name));
  return {
    keySerde,
    valueSerde,
    decode(r) {
      if (isTable && r.key === null && keys.length > 0) return undefined;
      const value = valueSerde.deserialize(r.value);
      const k =
        keys.length === 0 && source.window === undefined
          ? { key: [] as unknown[] }
          : keySerde.deserialize(r.key);
      let ts = r.timestamp;
      if (readTs !== undefined && value !== null && tsIndex >= 0) ts = readTs(value[tsIndex] ?? null);
      else if (readTs !== undefined && tsKeyIndex >= 0) ts = readTs(k.key[tsKeyIndex] ?? null);
      const row: SourceRow = { key: k.key, value, ts, partition: r.partition, offset: r.offset };
      if (k.window !== undefined) row.window = k.window;
      if (headersRead.length > 0 && r.headerList !== undefined) row.headers = r.headerList;
      return row;
    },
    toRow(s) {
      const row: Row = newRow();
      for (const [name, i] of keysRead) row[name] = s.key[i] ?? null;
      const value = s.value;
      for (const [name, i] of valuesRead) row[name] = value === null ? null : (value[i] ?? null);
      for (const c of headersRead) row[c.name] = headerColumnValue(c, s.headers);
      row.ROWTIME = s.ts;
      row.ROWPARTITION = s.partition;
      row.ROWOFFSET = s.offset;
      if (s.window !== undefined) {
        row.WINDOWSTART = s.window.start;
        row.WINDOWEND = s.window.end;
      }
      return row;
    },
  };
}
