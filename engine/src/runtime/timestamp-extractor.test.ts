import { describe, expect, it } from 'vitest';
import { type Column, type DataSource, T } from '../analyzer/index.js';
import { createSourceDecoder } from './operators/source-decoder.js';
import { SerdeError } from './serde/index.js';
import { createTimestampReader } from './timestamp-extractor.js';

const col = (name: string, type: Column['type']): Column => ({ name, type, namespace: 'VALUE' });

function source(ts: Column, format?: string): DataSource {
  return {
    name: 'S',
    type: 'STREAM',
    columns: [col('ID', T.INTEGER), ts],
    topic: 't',
    keyFormat: 'KAFKA',
    valueFormat: 'JSON',
    isSource: false,
    sql: '',
    timestampColumn: ts.name,
    ...(format === undefined ? {} : { timestampFormat: format }),
  };
}

const record = (value: object, timestamp = 5) => ({
  topic: 't',
  partition: 0,
  offset: 0,
  key: null,
  value: Buffer.from(JSON.stringify(value)),
  timestamp,
});

describe('the TIMESTAMP column of a source', () => {
  it('reads a STRING column with its TIMESTAMP_FORMAT (was NaN)', () => {
    const d = createSourceDecoder(source(col('TS', T.STRING), "yyyy-MM-dd'T'HH:mm:ssX"));
    expect(d.decode(record({ ID: 1, TS: '2018-05-11T21:58:33Z' }))?.ts).toBe(1526075913000);
    const zoned = createSourceDecoder(source(col('TS', T.STRING), 'yyyy-MM-dd HH:mm'));
    expect(zoned.decode(record({ ID: 1, TS: '1970-01-01 00:01' }))?.ts).toBe(60000);
  });

  it('reads BIGINT and TIMESTAMP columns as epoch millis', () => {
    expect(createSourceDecoder(source(col('TS', T.BIGINT))).decode(record({ ID: 1, TS: 42 }))?.ts).toBe(42);
    expect(createSourceDecoder(source(col('TS', T.TIMESTAMP))).decode(record({ ID: 1, TS: 7 }))?.ts).toBe(7);
  });

  it('sends a text that does not fit, a negative or a null timestamp to the processing log', () => {
    const d = createSourceDecoder(source(col('TS', T.STRING), 'yyyy-MM-dd'));
    expect(() => d.decode(record({ ID: 1, TS: 'not a date' }))).toThrow(SerdeError);
    expect(() => d.decode(record({ ID: 1, TS: 'not a date' }))).toThrow(/Unable to parse string timestamp/);
    expect(() => d.decode(record({ ID: 1, TS: '1969-12-31' }))).toThrow(/negative timestamp/);
    const longs = createSourceDecoder(source(col('TS', T.BIGINT)));
    expect(() => longs.decode(record({ ID: 1, TS: -1 }))).toThrow(SerdeError);
    expect(() => longs.decode(record({ ID: 1, TS: null }))).toThrow(SerdeError);
  });

  it("refuses a column of another type, and a STRING column without a format, with ksqlDB's errors", () => {
    expect(() => createTimestampReader(col('TS', T.DOUBLE), undefined)).toThrow(
      'Timestamp column, `TS`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified',
    );
    expect(() => createTimestampReader(col('TS', T.STRING), undefined)).toThrow(
      'A String timestamp field has been specified without also specifying the timestamp_format',
    );
    expect(() => createTimestampReader(col('TS', T.STRING), 'yyyy-bb')).toThrow(
      "Invalid TIMESTAMP_FORMAT 'yyyy-bb': Unknown pattern letter: b",
    );
    expect(() => createTimestampReader(col('TS', T.BIGINT), 'yyyy')).toThrow(
      "'TIMESTAMP_FORMAT' set in the WITH clause can only be used when the timestamp column in of type STRING.",
    );
  });
});
