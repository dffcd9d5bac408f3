import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import type { Supervised, Supervisor } from './supervisor.js';

export interface KeepRunningOptions {
  /** A run shorter than this is a fast failure (default 30 s). */
  fastMs?: number;
  /** Consecutive fast failures of one service before giving up (default 5). */
  maxFastFailures?: number;
  /** First restart delay, doubled per consecutive fast failure (default 500 ms, at most 15 s). */
  backoffMs?: number;
}

/**
 * Keeps the election running: a service that exits on its own is started again after a backoff
 * (logged), the others carry on. Resolves — with the service's name, its exits and its last log
 * lines — only when one fails fast `maxFastFailures` times in a row: then it cannot recover alone.
 */
export function keepRunning(
  supervisor: Supervisor,
  services: Supervised[],
  logger: Logger,
  options: KeepRunningOptions = {},
): Promise<string> {
  const fastMs = options.fastMs ?? 30_000;
  const maxFastFailures = options.maxFastFailures ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  return new Promise((giveUp) => {
    for (const service of services) {
      void (async () => {
        let fastFailures = 0;
        for (;;) {
          const code = await service.exit;
          if (supervisor.isStopping) return;
          const ranMs = Date.now() - service.startedAt;
          fastFailures = ranMs < fastMs ? fastFailures + 1 : 0;
          if (fastFailures >= maxFastFailures) {
            giveUp(
              `${service.name} exited (${code}) ${fastFailures} times in a row, each within ${fastMs / 1000} s of starting; ` +
                `its last lines:\n${service.lastLines().join('\n')}`,
            );
            return;
          }
          const wait = Math.min(15_000, backoffMs * 2 ** Math.max(0, fastFailures - 1));
          logger.warn(
            { service: service.name, code, ranMs, restartInMs: wait, restarts: service.restarts + 1 },
            `${service.name} exited; restarting it (the other services keep running)`,
          );
          await delay(wait);
          if (supervisor.isStopping) return;
          supervisor.restart(service);
          logger.info({ service: service.name, pid: service.child.pid }, `${service.name} restarted`);
        }
      })();
    }
  });
}
