import { nextMessage, startWorker } from './worker-thread.js';

/** What the paced producer's thread is given. */
export interface PacerParams {
  brokers: string;
  topic: string;
  rate: number;
  seconds: number;
  /** Index of the first vote (voter ids and fixture values derive from it). */
  firstIndex: number;
  voterPrefix: string;
  tickMs: number;
  /** Float64Array storage: each vote's hand-over time (epoch ms), written by the thread. */
  sentAt: SharedArrayBuffer;
}

/** The producer thread's last message. */
export interface PacerDone {
  kind: 'done';
  /** Votes handed to the producer. */
  sent: number;
  /** Votes acknowledged by the broker. */
  acked: number;
  /** From the first to the last hand-over (the pacing window). */
  handedOverMs: number;
  /** From the first hand-over to the last acknowledgement. */
  ackedMs: number;
}

/** A paced run of votes, produced from a worker thread so that it never delays the subscribers. */
export interface PacedVotes {
  /** Each vote's hand-over time (epoch ms), filled in as the run goes. */
  sentAt: Float64Array;
  /** Resolves when every vote has been acknowledged. */
  done: Promise<PacerDone>;
}

/** Starts writing `rate` votes per second for `seconds` to `topic` from a worker thread. */
export function startPacedVotes(
  options: Omit<PacerParams, 'sentAt' | 'tickMs'> & { tickMs?: number },
): PacedVotes {
  const capacity = Math.ceil(options.rate * options.seconds) + 1;
  const buffer = new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT);
  const params: PacerParams = { ...options, tickMs: options.tickMs ?? 10, sentAt: buffer };
  const worker = startWorker('vote-pacer-worker', params);
  const done = nextMessage<PacerDone>(worker, 'done').finally(() => void worker.terminate());
  return { sentAt: new Float64Array(buffer), done };
}
