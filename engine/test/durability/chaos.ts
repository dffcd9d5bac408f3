/**
 * The crashes of the chaos test: SIGKILLs the engine process at seeded random moments — some while
 * the votes are being produced (at random progress points), the others at random delays after
 * the engine is serving again, while it is still catching up — and restarts it each time.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import type { TestEngine } from '@tally/testkit';

export interface ChaosPlan {
  /** Kill when this many records have been produced (ascending). */
  atProduced: number[];
  /** Then kill this long after the previous restart was healthy. */
  afterMs: number[];
}

/** A plan of `during` kills spread over the production and `after` kills at 0.5–6 s delays. */
export function planChaos(random: () => number, total: number, during: number, after: number): ChaosPlan {
  const atProduced = Array.from({ length: during }, (_, i) =>
    Math.floor(((i + 0.2 + random() * 0.6) / during) * total * 0.9),
  );
  const afterMs = Array.from({ length: after }, () => Math.floor(500 + random() * 5_500));
  return { atProduced, afterMs };
}

/** Production progress that the chaos driver can wait on. */
export class Progress {
  produced = 0;
  private waiters: { at: number; resolve: () => void }[] = [];

  advance(produced: number): void {
    this.produced = produced;
    this.waiters = this.waiters.filter((w) => {
      if (w.at > produced) return true;
      w.resolve();
      return false;
    });
  }

  reached(at: number): Promise<void> {
    if (this.produced >= at) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ at, resolve }));
  }
}

/** Kills and restarts `engine` as `plan` says; resolves with the number of kills once it is up again. */
export async function runChaos(
  engine: TestEngine,
  plan: ChaosPlan,
  progress: Progress,
  logger: Logger,
  /** Receives the output of each killed engine process (for diagnostics). */
  lives: string[] = [],
): Promise<number> {
  let kills = 0;
  const crash = async (reason: string) => {
    const started = Date.now();
    await engine.stop('SIGKILL');
    lives.push(engine.process.output());
    kills += 1;
    await engine.restart();
    logger.info(
      { kill: kills, reason, produced: progress.produced, restartMs: Date.now() - started },
      'engine killed with SIGKILL and restarted',
    );
  };
  for (const at of plan.atProduced) {
    await progress.reached(at);
    await crash(`${at} records produced`);
  }
  for (const ms of plan.afterMs) {
    await delay(ms);
    await crash(`${ms} ms after the restart`);
  }
  return kills;
}
