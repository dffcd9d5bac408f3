/**
 * The sink: result changes → output records in the sink's key/value formats. Key bytes carry the
 * window for windowed results; a tombstone is a null value.
 */
import { type DataSource, keyColumns, valueColumns } from '../analyzer/index.js';
import type { Row } from './eval/compile.js';
import { murmur2Partition } from './murmur2.js';
import type { ResultChange } from './operators/change.js';
import { createKeySerde, createValueSerde, serdeOptions, windowSuffixBytes } from './serde/index.js';
import { createTimestampReader } from './timestamp-extractor.js';
import type { OutputRecord } from './topic-store.js';

export type Sink = (change: ResultChange) => OutputRecord;

/**
 * `partitions` (the sink topic's count) places windowed keys as Kafka Streams' WindowedStreamPartitioner
 * does: by the key without its window, so every window of a key shares a partition. Other records
 * leave the partition to the producer's partitioner (the same murmur2 of the whole key).
 */
export function createSink(sink: DataSource, partitions?: number): Sink {
  const keys = keyColumns(sink);
  const values = valueColumns(sink);
  const keySerde = createKeySerde(sink.keyFormat, keys, sink.window, serdeOptions(sink, 'key'));
  const valueSerde = createValueSerde(sink.valueFormat, values, serdeOptions(sink, 'value'));
  const tsCol = sink.timestampColumn;
  const tsColumn = sink.columns.find((c) => c.name === tsCol);
  const readTs = tsColumn === undefined ? undefined : createTimestampReader(tsColumn, sink.timestampFormat);
  const windowBytes = sink.window === undefined ? 0 : windowSuffixBytes(sink.window);
  const keyNames = keys.map((k) => k.name);
  const valueNames = values.map((v) => v.name);
  return (c) => {
    const key = keySerde.serialize(pickValues(c.keyRow, keyNames), c.window);
    const value = c.row === null ? null : valueSerde.serialize(pickValues(c.row, valueNames));
    let ts = c.ts;
    if (readTs !== undefined && c.row !== null) ts = readTs(c.row[tsCol!] ?? null);
    if (windowBytes === 0 || key === null || partitions === undefined || partitions < 2)
      return { topic: sink.topic, key, value, timestamp: ts };
    const partition = murmur2Partition(key.subarray(0, key.length - windowBytes), partitions);
    return { topic: sink.topic, key, value, timestamp: ts, partition };
  };
}

/** The row's values of the named columns, in order (null when missing). */
function pickValues(row: Row, names: string[]): unknown[] {
  const out: unknown[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) out[i] = row[names[i]!] ?? null;
  return out;
}
