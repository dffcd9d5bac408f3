/** Basic-auth credentials for ksqlDB (`authentication.method=BASIC` on the server). */
export interface KsqlCredentials {
  username: string;
  password: string;
}

/**
 * The credentials a client sends: explicit ones, else the `user:password@` of the URL
 * (`KSQLDB_URL=http://user:pass@host:8088`, percent-decoded), else `KSQLDB_USER` /
 * `KSQLDB_PASSWORD` from `env`; none when all are absent. So every caller that only passes
 * `KSQLDB_URL` (the API, migrations, benchmarks) works against a secured server.
 */
export function resolveCredentials(
  url: string,
  explicit: KsqlCredentials | undefined,
  env: NodeJS.ProcessEnv = process.env,
): KsqlCredentials | undefined {
  if (explicit) return explicit;
  const parsed = new URL(url);
  if (parsed.username !== '') {
    return { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  }
  const username = env['KSQLDB_USER'];
  if (username) return { username, password: env['KSQLDB_PASSWORD'] ?? '' };
  return undefined;
}

/** The URL without its `user:password@` part, safe to log. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
