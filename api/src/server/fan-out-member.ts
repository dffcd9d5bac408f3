import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ExecutionResult } from '../graphql-js.js';
import { nextPrefix } from './next-frame.js';
import type { SharedResult } from './shared-frames.js';
import type { SlowSubscriberGuard } from './slow-subscriber.js';

const OPEN = 1; // WebSocket.OPEN

/** What a member asks of its hub when a slow write finishes. */
export interface MemberHub {
  /** The latest result of the operation, if any. */
  readonly latest: SharedResult | undefined;
  /** Whether the member still belongs to the hub (it did not leave meanwhile). */
  has(member: FanOutMember): boolean;
  /** Whether other members use the subscription id `id` too (their frames can be shared). */
  sharesId(id: string): boolean;
}

/** Where a member's messages go. */
export interface MemberSocket {
  socket: WebSocket;
  /** The stream under `socket` (the upgrade request's socket). */
  raw: Duplex;
  /** graphql-ws subscription id. */
  id: string;
  /** Closes the socket once its client has stopped reading (true: do not write). */
  guard?: SlowSubscriberGuard;
}

/**
 * One graphql-ws subscription of a shared operation (`FanOutHub`): its socket, its subscription
 * source (pulled only while it leads the hub, kept so that it is closed — and counted — like any
 * subscriber's), and the iterator graphql-ws holds, which yields nothing (the hub writes the `next`
 * messages) and ends when the subscription does.
 *
 * Writes go straight to the raw stream as ready frames when `ws` adds nothing to them (no
 * extension negotiated, so its sender writes every frame synchronously and ours cannot land
 * inside one); otherwise through `ws`. Slow clients are coalesced: while a write to a socket with
 * data already buffered is in flight, newer results are not queued; when it completes the socket
 * gets the latest result, if it has not had it.
 */
export class FanOutMember {
  readonly id: string;
  readonly source: AsyncIterator<unknown>;
  /** Runs the operation on one source event (the member's own execution arguments). */
  readonly run: (event: unknown) => ExecutionResult | Promise<ExecutionResult>;
  /** The iterator graphql-ws holds for this subscription. */
  readonly iterator: AsyncIterableIterator<ExecutionResult>;
  private readonly socket: WebSocket;
  private readonly raw: Duplex | undefined;
  private readonly prefix: Buffer;
  private readonly hub: MemberHub;
  private readonly guard: SlowSubscriberGuard | undefined;
  /** `seq` of the last result written (0: none). */
  private sent = 0;
  private waiting = false;
  private ended: Promise<IteratorResult<ExecutionResult>> | undefined;
  private settle:
    | { resolve: (step: IteratorResult<ExecutionResult>) => void; reject: (error: unknown) => void }
    | undefined;
  private readonly flushed = (error?: Error | null) => {
    this.waiting = false;
    const latest = this.hub.latest;
    if (!error && latest && this.hub.has(this)) this.deliver(latest);
  };

  constructor(
    target: MemberSocket,
    source: AsyncIterator<unknown>,
    run: (event: unknown) => ExecutionResult | Promise<ExecutionResult>,
    hub: MemberHub,
    onReturn: (member: FanOutMember) => Promise<void>,
  ) {
    this.id = target.id;
    this.socket = target.socket;
    this.raw = target.socket.extensions === '' ? target.raw : undefined;
    this.prefix = nextPrefix(target.id);
    this.guard = target.guard;
    this.source = source;
    this.run = run;
    this.hub = hub;
    const done = async (): Promise<IteratorResult<ExecutionResult>> => {
      await onReturn(this);
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () =>
        this.ended ??
        new Promise((resolve, reject) => {
          this.settle = { resolve, reject };
        }),
      return: done,
      throw: async (error?: unknown) => {
        await done();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    this.iterator = iterator;
  }

  /** Writes `result` unless the socket has had it, is closing, or is still busy with an earlier one. */
  deliver(result: SharedResult): void {
    if (this.waiting || this.sent >= result.seq) return;
    const socket = this.socket;
    if (socket.readyState !== OPEN || this.guard?.over()) return;
    this.sent = result.seq;
    // an idle socket is written without a callback; a busy one holds newer results until this write is out
    const done = socket.bufferedAmount === 0 ? undefined : this.flushed;
    if (done) this.waiting = true;
    const raw = this.raw;
    if (!raw) socket.send(result.message(this.prefix), { binary: false }, done);
    else if (raw.writable) result.writeFrame(raw, this.id, this.prefix, this.hub.sharesId(this.id), done);
    else this.waiting = false;
  }

  /** Ends graphql-ws's iterator: done (graphql-ws sends `complete`), or failed (`error`). */
  end(error?: unknown): void {
    this.ended =
      error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(error);
    // graphql-ws may not be waiting on next() (yet): a rejection it never reads is not unhandled
    this.ended.catch(() => undefined);
    if (error === undefined) this.settle?.resolve({ done: true, value: undefined });
    else this.settle?.reject(error);
    this.settle = undefined;
  }
}
