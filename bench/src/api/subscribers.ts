import type { Worker } from 'node:worker_threads';
import { nextMessage, startWorker } from './worker-thread.js';

/** What one subscribers thread is given. */
export interface SubscriberParams {
  /** http URL of the API's `/graphql`. */
  url: string;
  query: string;
  /** This thread's first slot in the shared arrays, and how many subscribers it opens. */
  first: number;
  count: number;
  /** Sockets opened at once. */
  connectBatch: number;
  /** Float64Array storage, one slot per subscriber: the last total seen (-1 before any). */
  totals: SharedArrayBuffer;
  /** Float64Array storage: when that total arrived (epoch ms). */
  arrivals: SharedArrayBuffer;
}

/** Many graphql-ws subscribers spread over worker threads, observable through shared arrays. */
export interface Subscribers {
  totals: Float64Array;
  arrivals: Float64Array;
  close(): Promise<void>;
}

/**
 * Opens `count` subscribers of `query` on `threads` worker threads (so that the benchmark's own
 * clients are not one event loop serializing every arrival) and resolves once all are subscribed.
 */
export async function openSubscribers(
  url: string,
  query: string,
  count: number,
  threads: number,
): Promise<Subscribers> {
  const bytes = count * Float64Array.BYTES_PER_ELEMENT;
  const totalsBuffer = new SharedArrayBuffer(bytes);
  const arrivalsBuffer = new SharedArrayBuffer(bytes);
  const totals = new Float64Array(totalsBuffer).fill(-1);
  const workers: Worker[] = [];
  const per = Math.ceil(count / threads);
  for (let first = 0; first < count; first += per) {
    const params: SubscriberParams = {
      url,
      query,
      first,
      count: Math.min(per, count - first),
      connectBatch: 100,
      totals: totalsBuffer,
      arrivals: arrivalsBuffer,
    };
    workers.push(startWorker('subscribers-worker', params));
  }
  const close = async () => {
    await Promise.all(
      workers.map(async (worker) => {
        const closed = nextMessage(worker, 'closed').catch(() => undefined);
        worker.postMessage('close');
        await closed;
        await worker.terminate();
      }),
    );
  };
  try {
    await Promise.all(workers.map((worker) => nextMessage(worker, 'ready')));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return { totals, arrivals: new Float64Array(arrivalsBuffer), close };
}
