import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@tally/testkit';
import { describe, expect, it } from 'vitest';

describe('onInterrupt', () => {
  it('removes what a benchmark registered when it is interrupted (Ctrl-C skips every finally)', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'interrupt-fixture.ts')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const dir = await eventually(
      () => {
        const match = /DIR (\S+)/.exec(output);
        if (!match) throw new Error('not started yet');
        return match[1]!;
      },
      { timeoutMs: 30_000 },
    );
    expect(existsSync(dir)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
