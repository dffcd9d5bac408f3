import { describe, expect, it } from 'vitest';
import { readApiConfig } from './config.js';

describe('readApiConfig', () => {
  it('has one-machine defaults', () => {
    expect(readApiConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      ksqldbUrl: 'http://127.0.0.1:8088',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/tally',
      token: undefined,
      corsOrigins: undefined,
      staticDir: undefined,
      maxSubscriptionsPerConnection: 20,
      maxBufferedBytes: 4 * 1024 * 1024,
      exposeBallots: false,
    });
  });

  it('reads every variable', () => {
    const config = readApiConfig({
      API_PORT: '4100',
      API_TOKEN: ' t ',
      API_CORS_ORIGINS: 'http://a.example, http://b.example',
      API_MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
      API_EXPOSE_BALLOTS: 'true',
    });
    expect(config).toMatchObject({
      port: 4100,
      token: 't',
      corsOrigins: ['http://a.example', 'http://b.example'],
      maxSubscriptionsPerConnection: 5,
      exposeBallots: true,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => readApiConfig({ API_PORT: 'x' })).toThrow(/API_PORT/);
    expect(() => readApiConfig({ API_EXPOSE_BALLOTS: 'maybe' })).toThrow(/API_EXPOSE_BALLOTS/);
  });
});
