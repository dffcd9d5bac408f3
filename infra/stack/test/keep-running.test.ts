import { createLogger } from '@tally/common';
import { eventually } from '@tally/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { keepRunning } from '../src/keep-running.js';
import { Supervisor } from '../src/supervisor.js';

const entry = 'infra/stack/test/fixtures/service.ts';
const logger = createLogger('keep-running-test');

describe('keepRunning (real child processes)', () => {
  let supervisor: Supervisor;
  afterEach(async () => {
    await supervisor?.stopAll(2_000);
  });

  it('restarts a killed service while the others keep running', async () => {
    supervisor = new Supervisor();
    const victim = supervisor.start({ name: 'victim', entry, args: ['run'] });
    const bystander = supervisor.start({ name: 'bystander', entry, args: ['run'] });
    void keepRunning(supervisor, [victim, bystander], logger, { backoffMs: 10 });
    const [first, other] = [victim.child.pid, bystander.child.pid];
    await eventually(() => expect(victim.lastLines().join('\n')).toContain(`pid ${first}`), {
      timeoutMs: 20_000,
    });
    victim.child.kill('SIGKILL');
    await eventually(
      () => expect(victim.lastLines().join('\n')).toMatch(new RegExp(`pid (?!${first})\\d+`)),
      {
        timeoutMs: 20_000,
      },
    );
    expect(victim.restarts).toBe(1);
    expect(victim.child.pid).not.toBe(first);
    expect(bystander.child.pid).toBe(other);
    expect(bystander.child.exitCode).toBeNull();
  }, 60_000);

  it('gives up after repeated fast failures, naming the service and its last lines', async () => {
    supervisor = new Supervisor();
    const broken = supervisor.start({ name: 'broken', entry, args: ['exit', '3'] });
    const reason = await keepRunning(supervisor, [broken], logger, { backoffMs: 10, maxFastFailures: 3 });
    expect(reason).toMatch(/^broken exited \(3\) 3 times in a row/);
    expect(reason).toContain('fixture exit pid');
    expect(broken.restarts).toBe(2);
  }, 60_000);

  it('does not restart what stopAll stops', async () => {
    supervisor = new Supervisor();
    const service = supervisor.start({ name: 'service', entry, args: ['run'] });
    let gaveUp = false;
    void keepRunning(supervisor, [service], logger, { backoffMs: 10 }).then(() => (gaveUp = true));
    await supervisor.stopAll(2_000);
    expect(service.restarts).toBe(0);
    expect(service.child.exitCode !== null || service.child.signalCode !== null).toBe(true);
    expect(gaveUp).toBe(false);
  }, 60_000);
});
