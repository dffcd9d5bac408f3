/**
 * The processing log (ksqlDB's `KSQL_PROCESSING_LOG`): records that fail to deserialize or evaluate
 * are written here as JSON in ksqlDB's shape, and the query goes on.
 * Message types: 0 = DESERIALIZATION_ERROR, 1 = RECORD_PROCESSING_ERROR.
 */
import type { Column } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

export const PROCESSING_LOG_STREAM = 'KSQL_PROCESSING_LOG';

export function processingLogTopic(serviceId: string): string {
  return `${serviceId}ksql_processing_log`;
}

const S = { kind: 'STRING' } as const;
const errStruct = (fields: [string, Column['type']][]) => ({
  kind: 'STRUCT' as const,
  fields: fields.map(([name, type]) => ({ name, type })),
});

/** The processing log stream's columns (as ksqlDB declares them). */
export const PROCESSING_LOG_COLUMNS: Column[] = [
  { name: 'LOGGER', type: S, namespace: 'VALUE' },
  { name: 'LEVEL', type: S, namespace: 'VALUE' },
  { name: 'TIME', type: { kind: 'BIGINT' }, namespace: 'VALUE' },
  {
    name: 'MESSAGE',
    namespace: 'VALUE',
    type: errStruct([
      ['TYPE', { kind: 'INTEGER' }],
      [
        'DESERIALIZATIONERROR',
        errStruct([
          ['TARGET', S],
          ['ERRORMESSAGE', S],
          ['RECORDB64', S],
          ['CAUSE', { kind: 'ARRAY', item: S }],
          ['topic', S],
        ]),
      ],
      [
        'RECORDPROCESSINGERROR',
        errStruct([
          ['ERRORMESSAGE', S],
          ['RECORD', S],
          ['CAUSE', { kind: 'ARRAY', item: S }],
        ]),
      ],
      ['PRODUCTIONERROR', errStruct([['ERRORMESSAGE', S]])],
      [
        'SERIALIZATIONERROR',
        errStruct([
          ['TARGET', S],
          ['ERRORMESSAGE', S],
          ['RECORD', S],
          ['CAUSE', { kind: 'ARRAY', item: S }],
          ['topic', S],
        ]),
      ],
      [
        'KAFKASTREAMSTHREADERROR',
        errStruct([
          ['ERRORMESSAGE', S],
          ['THREADNAME', S],
          ['CAUSE', { kind: 'ARRAY', item: S }],
        ]),
      ],
    ]),
  },
];

function entry(logger: string, message: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      LOGGER: logger,
      LEVEL: 'ERROR',
      TIME: Date.now(),
      MESSAGE: {
        TYPE: null,
        DESERIALIZATIONERROR: null,
        RECORDPROCESSINGERROR: null,
        PRODUCTIONERROR: null,
        SERIALIZATIONERROR: null,
        KAFKASTREAMSTHREADERROR: null,
        ...message,
      },
    }),
  );
}

/** A record whose key or value could not be deserialized. */
export function deserializationError(
  topic: string,
  queryId: string,
  record: ConsumedRecord,
  error: Error,
): OutputRecord {
  return {
    topic,
    key: null,
    timestamp: Date.now(),
    value: entry(`processing.${queryId}.KsqlTopic.Source.deserializer`, {
      TYPE: 0,
      DESERIALIZATIONERROR: {
        TARGET: 'value',
        ERRORMESSAGE: error.message,
        RECORDB64: record.value === null ? null : record.value.toString('base64'),
        CAUSE: [],
        topic: record.topic,
      },
    }),
  };
}

/** A record that failed while being evaluated (function error, bad group key...). */
export function processingError(
  topic: string,
  queryId: string,
  stage: string,
  error: Error,
  row: unknown,
): OutputRecord {
  return {
    topic,
    key: null,
    timestamp: Date.now(),
    value: entry(`processing.${queryId}.${stage}`, {
      TYPE: 1,
      RECORDPROCESSINGERROR: {
        ERRORMESSAGE: error.message,
        RECORD:
          row === undefined ? null : JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)),
        CAUSE: [],
      },
    }),
  };
}
