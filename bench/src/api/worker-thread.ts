import { Worker } from 'node:worker_threads';

/**
 * Starts `module` (a sibling of this file, named without extension) as a worker thread. From
 * TypeScript sources (`npm run bench` runs them through tsx) the thread registers tsx itself:
 * loader hooks given on the command line do not reach worker threads.
 */
export function startWorker(module: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${module}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** Resolves with the first message of `kind` from `worker`; rejects on its error or early exit. */
export function nextMessage<T extends { kind: string }>(worker: Worker, kind: T['kind']): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { kind: string; error?: string }) => {
      if (message.kind === 'error') done(() => reject(new Error(message.error)));
      else if (message.kind === kind) done(() => resolve(message as T));
    };
    const onError = (error: Error) => done(() => reject(error));
    const onExit = (code: number) =>
      done(() => reject(new Error(`worker exited with ${code} before sending '${kind}'`)));
    const done = (settle: () => void) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      settle();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
