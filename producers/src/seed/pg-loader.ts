import { Worker } from 'node:worker_threads';
import { type PgLoadParams, runPgLoad } from './pg-load.js';
import type { PgLoadMessage } from './pg-load-worker.js';

/** The PostgreSQL side of a seeding run, seen from the thread that publishes to Kafka. */
export interface PgLoader {
  /** Resolves with the number of new candidate rows once they are committed. */
  readonly candidates: Promise<number>;
  /** Resolves with the number of new voter rows once chunk `index` is committed. */
  chunk(index: number): Promise<number>;
  /** Resolves when everything is loaded; rejects with the first failure. */
  readonly done: Promise<void>;
  /** Milliseconds PostgreSQL was busy loading voters. */
  busyMs(): number;
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

/**
 * Starts loading PostgreSQL, on a worker thread by default: generating and COPYing voters then
 * uses a second core while this thread encodes Kafka records. `thread: false` runs it here.
 */
export function startPgLoader(params: PgLoadParams, options: { thread: boolean }): PgLoader {
  const candidates = deferred<number>();
  const chunks = Array.from({ length: Math.ceil(params.voters / params.chunkSize) }, () =>
    deferred<number>(),
  );
  const done = deferred<void>();
  let busy = 0;
  let aborted = false;
  let worker: Worker | undefined;
  const fail = (error: unknown) => {
    candidates.reject(error);
    for (const chunk of chunks) chunk.reject(error);
    done.reject(error);
  };
  const events = {
    candidates: (inserted: number) => candidates.resolve(inserted),
    chunk: (index: number, inserted: number, busyMs: number) => {
      busy += busyMs;
      chunks[index]?.resolve(inserted);
    },
  };
  if (options.thread) {
    worker = startWorker(params);
    worker.on('message', (message: PgLoadMessage) => {
      if (message.type === 'candidates') events.candidates(message.inserted);
      else if (message.type === 'chunk') events.chunk(message.index, message.inserted, message.busyMs);
      else if (message.type === 'done') done.resolve();
      else fail(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PostgreSQL loader thread exited with code ${code}`)));
  } else {
    runPgLoad(params, events, () => aborted).then(() => done.resolve(), fail);
  }
  return {
    candidates: candidates.promise,
    chunk: (index) => chunks[index]?.promise ?? Promise.resolve(0),
    done: done.promise,
    busyMs: () => busy,
    abort: async () => {
      aborted = true;
      fail(new Error('PostgreSQL loading aborted'));
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
