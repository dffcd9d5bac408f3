import { parentPort, workerData } from 'node:worker_threads';
import { type PgLoadParams, runPgLoad } from './pg-load.js';

/** Messages from the PostgreSQL loader thread to the seeding thread. */
export type PgLoadMessage =
  | { type: 'candidates'; inserted: number }
  | { type: 'chunk'; index: number; inserted: number; busyMs: number }
  | { type: 'done' }
  | { type: 'error'; message: string; code?: string };

const post = (message: PgLoadMessage) => parentPort!.postMessage(message);

runPgLoad(workerData as PgLoadParams, {
  candidates: (inserted) => post({ type: 'candidates', inserted }),
  chunk: (index, inserted, busyMs) => post({ type: 'chunk', index, inserted, busyMs }),
}).then(
  () => post({ type: 'done' }),
  (error: unknown) => {
    const e = error as { message?: string; code?: string };
    post({ type: 'error', message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}) });
  },
);
