import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf, loadMigrations } from './migration-files.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-sql-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadMigrations', () => {
  it('orders migrations by version and ignores other files', () => {
    const dir = folder({ '0002_b.sql': 'SELECT 2;', '0001_a.sql': 'SELECT 1;', 'README.md': '# notes' });
    expect(loadMigrations(dir).map((m) => [m.version, m.file])).toEqual([
      [1, '0001_a.sql'],
      [2, '0002_b.sql'],
    ]);
  });

  it('refuses a badly named migration, naming the file', () => {
    const dir = folder({ '1_create.sql': 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/found "1_create.sql"/);
  });

  it('refuses two migrations with the same version', () => {
    const dir = folder({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 2;' });
    expect(() => loadMigrations(dir)).toThrow(/"0001_a.sql" and "0001_b.sql"/);
  });

  it('gives CRLF and LF checkouts the same checksum, and any edit a new one', () => {
    expect(checksumOf('SELECT 1;\r\nSELECT 2;\r\n')).toBe(checksumOf('SELECT 1;\nSELECT 2;\n'));
    expect(checksumOf('SELECT 1;')).not.toBe(checksumOf('SELECT 1; '));
  });

  it('finds the bundled migrations in order', () => {
    expect(loadMigrations().map((m) => m.file)).toEqual([
      '0001_create_candidates.sql',
      '0002_create_voters.sql',
      '0003_create_votes.sql',
    ]);
  });
});
