import { describe, expect, it } from 'vitest';
import { engineProperties, readEngineConfig } from './config.js';

describe('engine configuration', () => {
  it('has defaults that work on one machine', () => {
    expect(readEngineConfig({}, {})).toEqual({
      ENGINE_PORT: 8088,
      ENGINE_HOST: '127.0.0.1',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KSQL_SERVICE_ID: 'default_',
      ENGINE_STATE_DIR: '.tally/engine',
      ENGINE_SNAPSHOT_INTERVAL_MS: 60_000,
      ENGINE_STATE_CACHE_ENTRIES: 20_000,
      LOG_LEVEL: 'info',
      KSQL_PROCESSING_GUARANTEE: 'exactly_once_v2',
      KSQL_MAX_PUSH_QUERIES: 100,
      ENGINE_MAX_PUSH_QUERIES_PER_CONNECTION: 50,
      ENGINE_MAX_REQUEST_BYTES: 8 * 1024 * 1024,
      ENGINE_MAX_STATEMENT_CHARS: 1_000_000,
      ENGINE_PUSH_STALL_TIMEOUT_MS: 60_000,
      ENGINE_HEALTH_PROBE_INTERVAL_MS: 5_000,
      ENGINE_HEALTH_PROBE_TIMEOUT_MS: 2_000,
      KSQL_AUTHENTICATION_METHOD: 'NONE',
    });
  });

  it('lets flags win over environment variables', () => {
    const config = readEngineConfig(
      { port: '9000', serviceId: 'flag_', processingGuarantee: 'at_least_once' },
      { ENGINE_PORT: '8000', KSQL_SERVICE_ID: 'env_', KAFKA_BROKERS: '10.0.0.1:9092' },
    );
    expect(config).toMatchObject({
      ENGINE_PORT: 9000,
      KSQL_SERVICE_ID: 'flag_',
      KAFKA_BROKERS: '10.0.0.1:9092',
    });
    expect(engineProperties(config)).toEqual({ 'ksql.streams.processing.guarantee': 'at_least_once' });
  });

  it('names the variable of a bad value', () => {
    expect(() => readEngineConfig({}, { ENGINE_PORT: 'http' })).toThrow(/ENGINE_PORT/);
    expect(() => readEngineConfig({}, { ENGINE_SNAPSHOT_INTERVAL_MS: '-1' })).toThrow(
      /ENGINE_SNAPSHOT_INTERVAL_MS/,
    );
    expect(() => readEngineConfig({}, { KSQL_PROCESSING_GUARANTEE: 'exactly_once' })).toThrow(
      /KSQL_PROCESSING_GUARANTEE/,
    );
  });
});
