import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { eventually, startEngine, type TestEngine } from '@tally/testkit';
import { Client } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The engine as a real process on a broker of its own (not the run's shared one, which other tests
 * use): `/healthcheck` follows the broker going away and coming back, and BASIC authentication
 * guards every endpoint but the health checks.
 */
const dir = mkdtempSync(join(tmpdir(), 'tally-health-kafka-'));
let broker: RunningBroker | undefined;
let engine: TestEngine | undefined;
let client: Client | undefined;
const auth = { authorization: `Basic ${Buffer.from('tally:pw').toString('base64')}` };

afterAll(async () => {
  await client?.close();
  await engine?.stop('SIGKILL');
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function health() {
  const response = await client!.request({ method: 'GET', path: '/healthcheck' });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

describe('engine on real Kafka: /healthcheck and basic auth', () => {
  it('reports Kafka unhealthy (503) while its broker is down and healthy once it is back', async () => {
    broker = await startBroker({ dir });
    engine = await startEngine({
      env: {
        KAFKA_BROKERS: broker.brokers,
        ENGINE_HEALTH_PROBE_INTERVAL_MS: '200',
        ENGINE_HEALTH_PROBE_TIMEOUT_MS: '1000',
        KSQL_AUTHENTICATION_METHOD: 'BASIC',
        ENGINE_AUTH_USER: 'tally',
        ENGINE_AUTH_PASSWORD: 'pw',
      },
    });
    client = new Client(engine.url);

    // authentication: the health checks are open, everything else needs the credentials
    const info = await client.request({ method: 'GET', path: '/info' });
    expect(info.statusCode).toBe(401);
    expect(await info.body.json()).toEqual({
      '@type': 'generic_error',
      error_code: 40100,
      message: 'Unauthorized',
    });
    const authed = await client.request({ method: 'GET', path: '/info', headers: auth });
    expect(authed.statusCode).toBe(200);
    await authed.body.dump();
    const statement = await client.request({
      method: 'POST',
      path: '/ksql',
      headers: auth,
      body: JSON.stringify({ ksql: 'SHOW STREAMS;' }),
    });
    expect(statement.statusCode).toBe(200);
    await statement.body.dump();

    expect(await health()).toMatchObject({ status: 200, body: { isHealthy: true } });
    await broker.stop();
    const down = await eventually(
      async () => {
        const reply = await health();
        expect(reply.status).toBe(503);
        return reply.body;
      },
      { timeoutMs: 30_000 },
    );
    expect(down).toMatchObject({ isHealthy: false, details: { kafka: { isHealthy: false } } });

    broker = await startBroker({ dir });
    await eventually(
      async () =>
        expect(await health()).toMatchObject({
          status: 200,
          body: { isHealthy: true, details: { kafka: { isHealthy: true } } },
        }),
      { timeoutMs: 60_000 },
    );
  }, 180_000);
});
