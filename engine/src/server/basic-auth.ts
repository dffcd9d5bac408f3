import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCodes } from '../errors.js';
import { genericError } from './errors.js';

/**
 * ksqlDB's HTTP basic authentication (`authentication.method=BASIC`): who may call the REST API.
 * Credentials come from environment variables (one user) or a Jetty `HashLoginService` file as
 * ksqlDB's JAAS setup reads (`user: password[, role ...]`, `#` comments; a password may be given
 * as `MD5:<hex>`).
 */
export interface BasicAuth {
  /** True when the `Authorization` header names a known user with the right password. */
  allows(header: string | undefined): boolean;
}

/** The paths ksqlDB serves without authentication (its `/healthcheck` and Confluent health checks). */
export function isUnauthenticatedPath(path: string): boolean {
  return path === '/healthcheck' || path.startsWith('/chc/');
}

/** ksqlDB's answer to a request without valid credentials: 401 / 40100 `Unauthorized`. */
export function unauthorized() {
  return genericError(401, ErrorCodes.UNAUTHORIZED, 'Unauthorized');
}

/** Stored password → check of a presented one (constant time). */
type PasswordCheck = (presented: string) => boolean;

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function passwordCheck(stored: string): PasswordCheck {
  if (stored.startsWith('MD5:')) {
    const digest = Buffer.from(stored.slice(4).toLowerCase(), 'utf8');
    return (presented) =>
      sameBytes(Buffer.from(createHash('md5').update(presented).digest('hex'), 'utf8'), digest);
  }
  if (/^(OBF|CRYPT):/.test(stored)) {
    throw new Error(
      `password scheme '${stored.split(':')[0]}' is not supported: use plain text or MD5:<hex>`,
    );
  }
  const expected = Buffer.from(stored, 'utf8');
  return (presented) => sameBytes(Buffer.from(presented, 'utf8'), expected);
}

/** Parses a Jetty `HashLoginService` properties file: `user: password[, role ...]` per line. */
export function parseCredentialsFile(text: string, file = 'credentials file'): Map<string, string> {
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
    const colon = line.search(/[:=]/);
    if (colon <= 0)
      throw new Error(`${file}:${index + 1}: expected 'user: password[, role ...]', found '${line}'`);
    const user = line.slice(0, colon).trim();
    const password = line
      .slice(colon + 1)
      .split(',')[0]!
      .trim();
    users.set(user, password);
  });
  return users;
}

/** Where the credentials come from (see the README's configuration table). */
export interface BasicAuthConfig {
  user?: string | undefined;
  password?: string | undefined;
  credentialsFile?: string | undefined;
}

/** Builds the checker; throws when BASIC is asked for without any credentials. */
export function createBasicAuth(config: BasicAuthConfig): BasicAuth {
  const users = new Map<string, PasswordCheck>();
  if (config.credentialsFile) {
    const text = readFileSync(config.credentialsFile, 'utf8');
    for (const [user, stored] of parseCredentialsFile(text, config.credentialsFile)) {
      users.set(user, passwordCheck(stored));
    }
  }
  if (config.user) users.set(config.user, passwordCheck(config.password ?? ''));
  if (users.size === 0) {
    throw new Error(
      'BASIC authentication needs ENGINE_AUTH_USER (and ENGINE_AUTH_PASSWORD) or ENGINE_AUTH_FILE',
    );
  }
  return {
    allows(header) {
      const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
      if (!match) return false;
      const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      const check = users.get(decoded.slice(0, colon));
      return check?.(decoded.slice(colon + 1)) === true;
    },
  };
}
