import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createKsqlClient } from './create-client.js';

/** Failures below HTTP, against real sockets: nothing listening, and a server that never answers. */
function listen(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, sockets }),
    ),
  );
}

describe('transport failures', () => {
  it('no server: a retriable connection error once the retries are spent', async () => {
    const { server, port } = await listen();
    await new Promise((resolve) => server.close(resolve));
    const client = createKsqlClient({ url: `http://127.0.0.1:${port}`, retries: 2 });
    await expect(client.info()).rejects.toMatchObject({
      code: 'KSQL_CONNECTION',
      retriable: true,
      status: 0,
    });
    await expect(client.execute('SHOW STREAMS;')).rejects.toMatchObject({
      code: 'KSQL_CONNECTION',
      hint: expect.stringContaining('KSQLDB_URL'),
    });
    await client.close();
  });

  it.each(['h2', 'http1'] as const)(
    'a server that never answers over %s: a timeout, not retried',
    async (protocol) => {
      const { server, port, sockets } = await listen();
      const client = createKsqlClient({ url: `http://127.0.0.1:${port}`, protocol, timeoutMs: 300 });
      await expect(client.execute('SHOW STREAMS;')).rejects.toMatchObject({
        code: 'KSQL_TIMEOUT',
        status: 0,
      });
      expect(sockets).toHaveLength(1);
      await client.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  );
});
