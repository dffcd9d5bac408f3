import type { Writable } from 'node:stream';
import { closedBody, nextFrame, nextFrameHead, nextMessage } from './next-frame.js';

/**
 * Above this payload size a subscriber's frame is written as its own small head plus the shared
 * tail (one writev), below it as one copied buffer: copying a few hundred bytes is cheaper than a
 * second write, copying kilobytes per subscriber is not (and would churn the heap).
 */
const SPLIT_ABOVE = 1024;

/**
 * One result of a shared operation, ready for every subscriber: its payload bytes, and the frames
 * built from them. A frame is built once per subscription id when several subscribers use the same
 * id (clients number their subscriptions, so `"1"` is common), else per subscriber.
 */
export class SharedResult {
  /** Increases with every result of the operation: a subscriber has been sent result `seq` or not. */
  readonly seq: number;
  /** The `next` payload (`payloadBytes`). */
  readonly body: Buffer;
  private tail: Buffer | undefined;
  private readonly byId = new Map<string, Buffer>();

  constructor(seq: number, body: Buffer) {
    this.seq = seq;
    this.body = body;
  }

  /**
   * Writes the frame of subscription `id` (`prefix` = `nextPrefix(id)`) to `socket`, the raw
   * stream under a WebSocket; `sharedId` when other subscribers use that id too. `done` as for
   * `socket.write`.
   */
  writeFrame(
    socket: Writable,
    id: string,
    prefix: Buffer,
    sharedId: boolean,
    done?: (error?: Error | null) => void,
  ): void {
    if (sharedId) {
      let whole = this.byId.get(id);
      if (!whole) {
        whole = nextFrame(prefix, this.body);
        this.byId.set(id, whole);
      }
      socket.write(whole, done);
    } else if (this.body.length <= SPLIT_ABOVE) {
      socket.write(nextFrame(prefix, this.body), done);
    } else {
      this.tail ??= closedBody(this.body);
      socket.cork();
      socket.write(nextFrameHead(prefix, this.body.length));
      socket.write(this.tail, done);
      socket.uncork();
    }
  }

  /** The message without frame header, for a socket written through `ws`'s own sender. */
  message(prefix: Buffer): Buffer {
    return nextMessage(prefix, this.body);
  }
}
