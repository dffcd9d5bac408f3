import { parentPort, workerData } from 'node:worker_threads';
import { type LoadedChunk, type PgLoadParams, runPgLoad } from './pg-load.js';

/** Messages from the loading thread to the publishing thread. */
export type PgLoadMessage =
  | { type: 'candidates'; inserted: number }
  | { type: 'chunk'; chunk: LoadedChunk }
  | { type: 'done' }
  | { type: 'error'; message: string; code?: string };

/** Messages from the publishing thread: chunks up to `upTo` (included) may be generated. */
export type PgLoadControl = { type: 'credit'; upTo: number };

const port = parentPort!;
const post = (message: PgLoadMessage) => port.postMessage(message);

let allowed = -1;
let waiting: { index: number; resolve: () => void } | undefined;
port.on('message', (message: PgLoadControl) => {
  allowed = Math.max(allowed, message.upTo);
  if (waiting && waiting.index <= allowed) {
    waiting.resolve();
    waiting = undefined;
  }
});

runPgLoad(workerData as PgLoadParams, {
  candidates: (inserted) => post({ type: 'candidates', inserted }),
  chunk: (chunk) => post({ type: 'chunk', chunk }),
  credit: (index) =>
    index <= allowed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          waiting = { index, resolve };
        }),
}).then(
  () => {
    post({ type: 'done' });
    port.unref();
  },
  (error: unknown) => {
    const e = error as { message?: string; code?: string };
    post({ type: 'error', message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}) });
    port.unref();
  },
);
