import { randomBytes } from 'node:crypto';

/** A name unique to this test: topics, groups, schemas and service ids never collide between tests. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
