import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createKsqlClient } from './create-client.js';
import { redactUrl, resolveCredentials } from './credentials.js';

describe('ksqlDB client credentials', () => {
  it('takes explicit credentials, else the URL user:password, else KSQLDB_USER / KSQLDB_PASSWORD', () => {
    const env = { KSQLDB_USER: 'env', KSQLDB_PASSWORD: 'envpw' };
    expect(resolveCredentials('http://u:p@h:1', { username: 'x', password: 'y' }, env)).toEqual({
      username: 'x',
      password: 'y',
    });
    expect(resolveCredentials('http://fr%40d:p%3Aw@h:1', undefined, env)).toEqual({
      username: 'fr@d',
      password: 'p:w',
    });
    expect(resolveCredentials('http://h:1', undefined, env)).toEqual({ username: 'env', password: 'envpw' });
    expect(resolveCredentials('http://h:1', undefined, {})).toBeUndefined();
    expect(redactUrl('http://u:p@127.0.0.1:8088/')).toBe('http://127.0.0.1:8088');
  });

  it('sends them as basic auth, and a 401 envelope becomes a KsqlClientError with 40100', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      const ok = request.headers.authorization === `Basic ${Buffer.from('fred:letmein').toString('base64')}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(
        ok
          ? JSON.stringify({ KsqlServerInfo: { version: '0.29.0', kafkaClusterId: 'c', ksqlServiceId: 's' } })
          : JSON.stringify({ '@type': 'generic_error', error_code: 40100, message: 'Unauthorized' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const withUrl = createKsqlClient({
      url: `http://fred:letmein@127.0.0.1:${port}`,
      protocol: 'http1',
      env: {},
    });
    const withEnv = createKsqlClient({
      url: `http://127.0.0.1:${port}`,
      protocol: 'http1',
      env: { KSQLDB_USER: 'fred', KSQLDB_PASSWORD: 'letmein' },
    });
    const without = createKsqlClient({
      url: `http://127.0.0.1:${port}`,
      protocol: 'http1',
      env: {},
      retries: 0,
    });
    try {
      expect((await withUrl.info()).version).toBe('0.29.0');
      expect((await withEnv.info()).version).toBe('0.29.0');
      await expect(without.info()).rejects.toMatchObject({ status: 401, errorCode: 40100 });
      expect(seen.at(-1)).toBeUndefined();
    } finally {
      await Promise.all([withUrl.close(), withEnv.close(), without.close()]);
      server.close();
    }
  });
});
