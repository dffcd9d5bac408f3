import { describe, expect, it } from 'vitest';
import { readiness } from './health.js';

const store = { ping: async () => undefined };
const health = (kafka: boolean) => ({
  healthcheck: async () => ({
    isHealthy: kafka,
    details: {
      metastore: { isHealthy: true },
      kafka: { isHealthy: kafka },
      commandRunner: { isHealthy: true },
    },
  }),
});

describe('/readyz readiness', () => {
  it("follows ksqlDB's /healthcheck: not ready while its Kafka is unhealthy, ready when it is back", async () => {
    expect(await readiness({ ksql: health(true), store })).toEqual({
      ready: true,
      status: 'ready',
      ksqldb: 'up',
      postgres: 'up',
    });
    expect(await readiness({ ksql: health(false), store })).toEqual({
      ready: false,
      status: 'not ready',
      ksqldb: 'down: unhealthy: kafka',
      postgres: 'up',
    });
  });

  it('is not ready when ksqlDB or PostgreSQL does not answer', async () => {
    const refused = { healthcheck: () => Promise.reject(new Error('ECONNREFUSED')) };
    expect(await readiness({ ksql: refused, store })).toMatchObject({
      ready: false,
      ksqldb: 'down: ECONNREFUSED',
    });
    const noDb = { ping: () => Promise.reject(new Error('database gone')) };
    expect(await readiness({ ksql: health(true), store: noDb })).toMatchObject({
      ready: false,
      postgres: 'down: database gone',
    });
  });
});
