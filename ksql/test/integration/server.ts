import { startEngine } from '@tally/testkit';

/** The ksqlDB the integration tests talk to: `KSQLDB_URL` when set (a real ksqlDB), else a fresh engine. */
export async function ksqlServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const external = process.env['KSQLDB_URL'];
  if (external) return { url: external, stop: async () => {} };
  const engine = await startEngine();
  return { url: engine.url, stop: () => engine.stop() };
}
