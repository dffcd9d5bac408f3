import type { ServerResponse } from 'node:http';

/** Answers JSON with a status code. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Runs `check` with a deadline; resolves to 'up' or the reason it is down. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 2_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return 'up';
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** What `/readyz` needs of ksqlDB and PostgreSQL. */
export interface ReadinessDeps {
  ksql: { healthcheck(): Promise<{ isHealthy: boolean; details: Record<string, { isHealthy: boolean }> }> };
  store: { ping(): Promise<unknown> };
}

/** `/readyz`'s answer: ready only when ksqlDB (and the Kafka behind it) and PostgreSQL are up. */
export interface Readiness {
  ready: boolean;
  status: 'ready' | 'not ready';
  /** 'up', or why not (e.g. `down: unhealthy: kafka`). */
  ksqldb: string;
  postgres: string;
}

/**
 * Readiness from ksqlDB's own `/healthcheck` (its Kafka, metastore and command runner) rather
 * than `/info`, which answers while the brokers are gone: during a broker outage the API serves
 * stale results and says so here.
 */
export async function readiness({ ksql, store }: ReadinessDeps): Promise<Readiness> {
  const [ksqldb, postgres] = await Promise.all([
    probe(async () => {
      const health = await ksql.healthcheck();
      if (health.isHealthy) return;
      const failing = Object.entries(health.details)
        .filter(([, detail]) => !detail.isHealthy)
        .map(([name]) => name);
      throw new Error(`unhealthy: ${failing.join(', ') || 'isHealthy false'}`);
    }),
    probe(() => store.ping()),
  ]);
  const ready = ksqldb === 'up' && postgres === 'up';
  return { ready, status: ready ? 'ready' : 'not ready', ksqldb, postgres };
}
