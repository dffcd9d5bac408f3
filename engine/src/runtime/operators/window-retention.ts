/**
 * RETENTION for windowed aggregations: a window's state is dropped once stream time has moved
 * past it by the retention period, as Kafka Streams' window stores do — time windows when
 * `start + retention ≤ stream time`, sessions when `end + retention < stream time`. Expired
 * windows no longer answer pull queries and no longer take (late) records; nothing is emitted.
 *
 * The retention is `RETENTION` or ksqlDB's default of one day, and never less than size + grace
 * (a window must outlive the time it accepts records).
 */
import type { StateStore } from '../state-store.js';
import type { AggEntry } from './aggregate.js';

export const DEFAULT_RETENTION_MS = 86_400_000;

/** The retention a window store keeps, from the window clause. */
export function effectiveRetention(window: { size: number; retention?: number }, graceMs: number): number {
  return Math.max(window.retention ?? DEFAULT_RETENTION_MS, window.size + graceMs);
}

/** Windows ordered by the stream time at which they expire (a binary min-heap). */
export class WindowRetention {
  private readonly heap: { expiresAt: number; key: string }[] = [];
  private loaded = false;

  constructor(
    private readonly store: StateStore<AggEntry>,
    private readonly retentionMs: number,
    private readonly sessions: boolean,
  ) {}

  /** Registers a window entry written under `key`. */
  track(key: string, entry: AggEntry): void {
    if (entry.window === undefined) return;
    this.push({ expiresAt: this.expiry(entry), key });
  }

  /** Drops every window that stream time has left behind by more than the retention. */
  expire(streamTime: number): void {
    if (!this.loaded) {
      // After a restore the store holds windows this heap has never seen.
      this.loaded = true;
      for (const [key, entry] of this.store.map) this.track(key, entry);
    }
    while (this.heap.length > 0 && this.heap[0]!.expiresAt <= streamTime) {
      const { key, expiresAt } = this.pop();
      const entry = this.store.get(key);
      // A session merged away or a window re-registered later is not this heap entry's to drop.
      if (entry?.window !== undefined && this.expiry(entry) === expiresAt) this.store.delete(key, streamTime);
    }
  }

  private expiry(entry: AggEntry): number {
    const window = entry.window!;
    return this.sessions ? window.end + this.retentionMs + 1 : window.start + this.retentionMs;
  }

  private push(item: { expiresAt: number; key: string }): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.expiresAt <= item.expiresAt) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  private pop(): { expiresAt: number; key: string } {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.expiresAt < heap[left]!.expiresAt ? right : left;
      if (heap[child]!.expiresAt >= last.expiresAt) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
