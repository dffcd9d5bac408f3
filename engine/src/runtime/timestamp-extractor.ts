/**
 * The record timestamp a source's or sink's `TIMESTAMP` column gives (ksqlDB's timestamp
 * extraction): a BIGINT or TIMESTAMP column is epoch millis; a STRING column is read with the
 * `TIMESTAMP_FORMAT` Java pattern (UTC unless the text names a zone). A value that cannot be read,
 * a null, or a negative timestamp raises `SerdeError`: the record goes to the processing log and
 * is dropped (Kafka Streams skips records with a negative extracted timestamp), never stamped NaN.
 */
import { type Column, checkTimestampPattern, KsqlTypeError, parseTimestamp } from '../analyzer/index.js';
import { SerdeError } from './serde/index.js';

/** Reads a timestamp from the column's (non-undefined) value. */
export type TimestampReader = (value: unknown) => number;

/**
 * The reader for `TIMESTAMP = column` (and `TIMESTAMP_FORMAT = format`); throws ksqlDB's error
 * for a column of another type or a STRING column without a format.
 */
export function createTimestampReader(column: Column, format: string | undefined): TimestampReader {
  const kind = column.type.kind;
  const name = column.name;
  if (kind === 'STRING' && format === undefined)
    throw new KsqlTypeError(
      'A String timestamp field has been specified without also specifying the timestamp_format',
    );
  if (kind !== 'STRING' && format !== undefined)
    throw new KsqlTypeError(
      "'TIMESTAMP_FORMAT' set in the WITH clause can only be used when the timestamp column in of type STRING.",
    );
  if (kind !== 'STRING' && kind !== 'BIGINT' && kind !== 'TIMESTAMP')
    throw new KsqlTypeError(
      `Timestamp column, \`${name}\`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified`,
    );
  if (format !== undefined) {
    try {
      checkTimestampPattern(format);
    } catch (e) {
      throw new KsqlTypeError(`Invalid TIMESTAMP_FORMAT '${format}': ${(e as Error).message}`);
    }
  }
  const fail = (why: string) => new SerdeError(`Failed to extract timestamp from row: ${why}`);
  const checked = (ts: number): number => {
    if (!Number.isFinite(ts) || ts < 0) throw fail(`negative timestamp ${ts} in column ${name}`);
    return ts;
  };
  return (value) => {
    if (value === null) throw fail(`the timestamp column ${name} is null`);
    if (kind !== 'STRING') return checked(Number(value));
    let ts: number;
    try {
      ts = parseTimestamp(String(value), format!);
    } catch (e) {
      throw fail(
        `Unable to parse string timestamp. timestamp=${String(value)} timestamp_format=${format}: ${(e as Error).message}`,
      );
    }
    return checked(ts);
  };
}
