import pg from 'pg';
import { uniqueName } from './names.js';

export interface TestDatabase {
  /** Connection string of a fresh, empty database owned by this test. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Server used to create test databases: TEST_PG_ADMIN_URL, else the machine's local PostgreSQL. */
export function adminUrl(): string {
  return process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Creates an empty database for one test file on the machine's real PostgreSQL. */
export async function createTestDatabase(prefix = 'tally_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
