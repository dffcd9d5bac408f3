import { timingSafeEqual } from 'node:crypto';

/** True when `presented` equals `token` (constant time). */
export function tokenMatches(token: string, presented: string | undefined | null): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

/**
 * The token of a graphql-ws `connection_init` payload: `{ token }`, `{ authToken }` or
 * `{ authorization: 'Bearer …' }` / `{ Authorization: 'Bearer …' }`.
 */
export function connectionToken(payload: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!payload) return undefined;
  for (const key of ['token', 'authToken']) {
    const value = payload[key];
    if (typeof value === 'string') return value;
  }
  for (const key of ['authorization', 'Authorization']) {
    const value = payload[key];
    if (typeof value === 'string') return bearerToken(value);
  }
  return undefined;
}
