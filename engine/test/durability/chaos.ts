/**
 * The crashes of the chaos test: SIGKILLs the engine process at seeded random moments and restarts
 * it each time — while the votes are being produced (at random production points), while the engine
 * works through them (at random points of its progress, so state of every size is restored), and
 * right after a restart (during restore and group join).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@tally/common';
import type { TestEngine } from '@tally/testkit';

/** One kill: when `produced` records were produced, when the engine `processed` this many, or `ms` after the last restart. */
export type Kill = { produced: number } | { processed: number } | { ms: number };

/**
 * `during` kills spread over the production, then `progress` kills at random points of the
 * engine's progress through the `total` records, the second of them followed at 0.5–3 s by one
 * more (a crash while restoring).
 */
export function planChaos(random: () => number, total: number, during: number, progress: number): Kill[] {
  const kills: Kill[] = [];
  for (let i = 0; i < during; i += 1)
    kills.push({ produced: Math.floor(((i + 0.2 + random() * 0.6) / during) * total * 0.8) });
  for (let i = 0; i < progress; i += 1) {
    kills.push({ processed: Math.floor(((i + 0.1 + random() * 0.8) / progress) * total * 0.95) });
    if (i === 1) kills.push({ ms: Math.floor(500 + random() * 2_500) });
  }
  return kills;
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

export interface ChaosOptions {
  engine: TestEngine;
  kills: Kill[];
  progress: Progress;
  /** How many input records the engine has committed as processed so far. */
  processed(): Promise<number>;
  logger: Logger;
  /** Receives the output of each killed engine process (for diagnostics). */
  lives?: string[];
  /** Longest wait for a progress point (a stuck engine is killed anyway and the test goes on). */
  maxWaitMs?: number;
}

/** Kills and restarts the engine as planned; resolves with the number of kills once it is up again. */
export async function runChaos(options: ChaosOptions): Promise<number> {
  const { engine, progress, logger } = options;
  const maxWaitMs = options.maxWaitMs ?? 240_000;
  let kills = 0;
  for (const kill of options.kills) {
    if ('produced' in kill) await progress.reached(kill.produced);
    else if ('ms' in kill) await delay(kill.ms);
    else {
      const deadline = Date.now() + maxWaitMs;
      while ((await options.processed()) < kill.processed && Date.now() < deadline) await delay(250);
    }
    const processed = await options.processed();
    const produced = progress.produced;
    const started = Date.now();
    await engine.stop('SIGKILL');
    options.lives?.push(engine.process.output());
    kills += 1;
    await engine.restart();
    logger.info(
      { kill: kills, at: kill, produced, processed, restartMs: Date.now() - started },
      'engine killed with SIGKILL and restarted',
    );
  }
  return kills;
}
