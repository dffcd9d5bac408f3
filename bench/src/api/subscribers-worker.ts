import { parentPort, workerData } from 'node:worker_threads';
import { type LightClient, openLightClient, totalOf } from './light-client.js';
import { epochNow } from './stats.js';
import type { SubscriberParams } from './subscribers.js';

/**
 * One thread of benchmark subscribers: `count` graphql-ws sockets with one subscription each.
 * Every `next` writes the total it shows and its arrival time into the shared arrays at the
 * subscriber's slot, so the main thread reads them without messages.
 */
async function run(params: SubscriberParams): Promise<void> {
  const totals = new Float64Array(params.totals);
  const arrivals = new Float64Array(params.arrivals);
  const clients: LightClient[] = [];
  for (let start = 0; start < params.count; start += params.connectBatch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(params.connectBatch, params.count - start) }, () =>
        openLightClient(params.url),
      ),
    );
    opened.forEach((client, j) => {
      const slot = params.first + start + j;
      clients.push(client);
      client.subscribe(params.query, (data, at) => {
        totals[slot] = totalOf(data);
        arrivals[slot] = at;
      });
    });
  }
  parentPort?.postMessage({ kind: 'ready', at: epochNow() });
  parentPort?.once('message', async () => {
    for (const client of clients) client.close();
    await Promise.all(clients.map((client) => client.closed));
    parentPort?.postMessage({ kind: 'closed' });
  });
}

run(workerData as SubscriberParams).catch((error: unknown) =>
  parentPort?.postMessage({ kind: 'error', error: String(error) }),
);
