import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tally/kafka-broker';
import { createTestDatabase, eventually, GiveUpError, type TestDatabase } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';

/** Every live process whose command line mentions `dir` (the clone): what Ctrl-C must have stopped. */
function processesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(dir) && Number(pid) !== process.pid)
        found.push(`${pid}: ${cmdline.slice(0, 160)}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * `npm start` as a user runs it: in a fresh clone of the repository, with nothing built or
 * installed, until the dashboard URL is printed and votes are counted through the API; then Ctrl-C
 * (SIGINT) must stop everything it started.
 */
describe('npm start in a fresh clone', () => {
  let clone: string;
  let database: TestDatabase;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    clone = mkdtempSync(join(tmpdir(), 'tally-clone-'));
    execFileSync('git', ['clone', '--quiet', repoRoot, clone]);
    database = await createTestDatabase('tally_start');
  }, 60_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group has already gone
      }
    }
    await database?.drop();
    if (clone && existsSync(clone)) rmSync(clone, { recursive: true, force: true });
  });

  it('installs, starts everything, counts votes through the API and stops cleanly on Ctrl-C', async () => {
    const [apiPort, enginePort, kafkaPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
    delete env['KAFKA_BROKERS'];
    delete env['KSQLDB_URL'];
    child = spawn(
      'npm',
      [
        'start',
        '--',
        '--voters',
        '300',
        '--rate',
        '200',
        '--api-port',
        String(apiPort),
        '--engine-port',
        String(enginePort),
        '--kafka-port',
        String(kafkaPort),
      ],
      // Its own process group, like a terminal's foreground job: Ctrl-C signals the whole group.
      { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const dashboard = await eventually(
      () => {
        if (child.exitCode !== null)
          throw new GiveUpError(`npm start exited (${child.exitCode}):\n${output.slice(-4000)}`);
        const match = /TALLY_READY (\S+)/.exec(output);
        if (!match) throw new Error('not ready yet');
        return match[1]!;
      },
      { timeoutMs: 600_000, intervalMs: 500 },
    );
    expect(dashboard).toBe(`http://127.0.0.1:${apiPort}/`);
    const page = await fetch(dashboard);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    const votesCast = await eventually(
      async () => {
        const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ summary { votesCast registeredVoters } }' }),
        });
        const body = (await response.json()) as {
          data?: { summary: { votesCast: number; registeredVoters: number } };
        };
        expect(body.data?.summary.registeredVoters).toBe(300);
        expect(body.data?.summary.votesCast).toBeGreaterThan(0);
        return body.data!.summary.votesCast;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(votesCast).toBeLessThanOrEqual(300);

    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // What Ctrl-C does: SIGINT to every process of the foreground group (npm, sh, node).
    process.kill(-child.pid!, 'SIGINT');
    // npm ends the way a Ctrl-C'd npm does (re-raising SIGINT), or with 0.
    const ended = await exit;
    expect(ended.code === 0 || ended.signal === 'SIGINT', JSON.stringify(ended)).toBe(true);
    await eventually(() => expect(processesUnder(clone)).toEqual([]), { timeoutMs: 30_000 });
  }, 900_000);
});
