import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type TestEngine } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';

/** Every command of the README's shell blocks, without its trailing comment. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/```(?:bash|sh)\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

/** Commands that run for long (or change the tree) are run with `--help`: they must still parse. */
const asHelp = (command: string): string => {
  if (/^npm (start|test)\b/.test(command))
    return `${command.includes(' -- ') ? command : `${command} --`} --help`;
  if (/ create \S+$/.test(command)) return command.replace(/ create \S+$/, ' create --help');
  return command;
};

/** Not runnable on these machines, and why (checked elsewhere). */
const elsewhere: Record<string, string> = {
  'docker compose up -d': 'no Docker engine here; docker-compose.yml is validated by docker-compose.test.ts',
};

/**
 * The README's commands as a reader runs them from the repository root: each one exits 0 (the
 * long-running ones asked for `--help`); the migrations commands run against a real engine.
 * None may reach the public npm registry (an `npx` of an unlinked bin would).
 */
describe('the README commands', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startEngine();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const commands = readmeCommands();

  it('finds the commands of the README', () => {
    expect(commands).toContain('npm start');
    expect(commands).toContain('npm test');
    expect(commands.some((c) => c.startsWith('npm run ksql -- migrations'))).toBe(true);
    for (const command of commands)
      expect(command, 'npx may fetch from the public registry').not.toMatch(/\bnpx\b/);
  });

  it('npm run bench -- --help prints usage; an unknown benchmark is refused before anything runs', () => {
    const bench = (args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
    const help = bench(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run bench');
    const unknown = bench(['no-such-bench']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown benchmark 'no-such-bench'");
  });

  for (const command of commands) {
    const run = asHelp(command);
    it.skipIf(command in elsewhere)(
      `${run}${elsewhere[command] ? ` (${elsewhere[command]})` : ''}`,
      () => {
        const env: NodeJS.ProcessEnv = { ...process.env, KSQLDB_URL: engine.url, LOG_LEVEL: 'warn' };
        // npm must not look anything up in a registry: an offline npm fails if it tries.
        env['npm_config_offline'] = 'true';
        const result = spawnSync('sh', ['-c', run], {
          cwd: repoRoot,
          env,
          encoding: 'utf8',
          timeout: 120_000,
        });
        const output = `${result.stdout}\n${result.stderr}`;
        expect(result.status, `${run} exited ${result.status}:\n${output.slice(-3000)}`).toBe(0);
        expect(output).not.toMatch(/E404|registry\.npmjs\.org/);
      },
      150_000,
    );
  }
});
