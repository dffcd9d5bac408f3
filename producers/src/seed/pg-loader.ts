import { Worker } from 'node:worker_threads';
import { type LoadedChunk, type PgLoadParams, runPgLoad } from './pg-load.js';
import type { PgLoadControl, PgLoadMessage } from './pg-load-worker.js';

/** The loading side of a seeding run, seen from the thread that publishes to Kafka. */
export interface PgLoader {
  /** Resolves with the number of new candidate rows once they are committed. */
  readonly candidates: Promise<number>;
  /** Resolves once chunk `index` is committed in PostgreSQL, with its records to publish. */
  chunk(index: number): Promise<LoadedChunk>;
  /** Tells the loader chunk `index` is handed to Kafka, so it may generate further ahead. */
  release(index: number): void;
  /** Resolves when everything is loaded; rejects with the first failure. */
  readonly done: Promise<void>;
  /** Stops loading (after a failure on the Kafka side): the chunk in progress is rolled back. */
  abort(): Promise<void>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Chunks the loader may generate beyond the last one handed to Kafka (bounds memory). */
const AHEAD = 2;

/**
 * Starts the loading side, on a worker thread when `thread` is set: generating voters and COPYing
 * them then uses a second core while this thread encodes Kafka records.
 */
export function startPgLoader(params: PgLoadParams, options: { thread: boolean }): PgLoader {
  const candidates = deferred<number>();
  const chunks = Array.from({ length: Math.ceil(params.voters / params.chunkSize) }, () =>
    deferred<LoadedChunk>(),
  );
  const done = deferred<void>();
  let aborted = false;
  let worker: Worker | undefined;
  const fail = (error: unknown) => {
    candidates.reject(error);
    for (const chunk of chunks) chunk.reject(error);
    done.reject(error);
  };
  // Inline pacing: chunk `index` may be generated once `index <= allowed`.
  let allowed = AHEAD;
  let waiting: { index: number; resolve: () => void } | undefined;
  if (options.thread) {
    worker = startWorker(params);
    worker.postMessage({ type: 'credit', upTo: AHEAD } satisfies PgLoadControl);
    worker.on('message', (message: PgLoadMessage) => {
      if (message.type === 'candidates') candidates.resolve(message.inserted);
      else if (message.type === 'chunk') chunks[message.chunk.index]?.resolve(message.chunk);
      else if (message.type === 'done') done.resolve();
      else fail(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`loader thread exited with code ${code} before finishing`)));
  } else {
    runPgLoad(
      params,
      {
        candidates: (inserted) => candidates.resolve(inserted),
        chunk: (chunk) => chunks[chunk.index]?.resolve(chunk),
        credit: (index) =>
          index <= allowed
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                waiting = { index, resolve };
              }),
      },
      () => aborted,
    ).then(() => done.resolve(), fail);
  }
  return {
    candidates: candidates.promise,
    chunk: (index) => chunks[index]!.promise,
    release: (index) => {
      const upTo = index + 1 + AHEAD;
      if (worker) {
        worker.postMessage({ type: 'credit', upTo } satisfies PgLoadControl);
        return;
      }
      allowed = Math.max(allowed, upTo);
      if (waiting && waiting.index <= allowed) {
        waiting.resolve();
        waiting = undefined;
      }
    },
    done: done.promise,
    abort: async () => {
      aborted = true;
      fail(new Error('loading aborted'));
      waiting?.resolve();
      await worker?.terminate();
    },
  };
}

/**
 * Starts the loader thread. From TypeScript sources (tests, `--conditions=source`), the thread
 * registers tsx itself: loader hooks given on the command line do not reach worker threads.
 */
function startWorker(params: PgLoadParams): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './pg-load-worker.ts' : './pg-load-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: params });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: params });
}
