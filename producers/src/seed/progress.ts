import type { Logger } from '@tally/common';
import cliProgress from 'cli-progress';

/** Reports how far a long job has got. */
export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** `bar` on a terminal, `log` lines otherwise (CI, files), `none` for libraries and tests. */
export type ProgressMode = 'auto' | 'bar' | 'log' | 'none';

/**
 * A progress bar (cli-progress, on stderr) when a human watches, else a log line every 10 % or
 * every 2 s, whichever comes first, so logs stay readable.
 */
export function createProgress(mode: ProgressMode, logger: Logger, label: string): Progress {
  const resolved = mode === 'auto' ? (process.stderr.isTTY ? 'bar' : 'log') : mode;
  if (resolved === 'none') return { start: () => {}, update: () => {}, stop: () => {} };
  if (resolved === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total) => bar.start(total, 0),
      update: (done) => bar.update(done),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let lastLogged = 0;
  let lastAt = 0;
  return {
    start: (n) => {
      total = n;
      lastAt = Date.now();
      logger.info({ total }, `${label}: starting`);
    },
    update: (done) => {
      const now = Date.now();
      if (done - lastLogged >= total / 10 || now - lastAt >= 2_000) {
        lastLogged = done;
        lastAt = now;
        logger.info(
          { done, total, percent: total ? Math.round((done / total) * 100) : 100 },
          `${label}: progress`,
        );
      }
    },
    stop: () => logger.info({ total }, `${label}: done`),
  };
}
