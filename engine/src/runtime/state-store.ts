/**
 * A key-value state store backed by a changelog topic: written keys are queued and, at the end of
 * a batch, written as changelog records (key = store key, value = tagged JSON of the latest value,
 * null = delete) in the same batch (same transaction under exactly-once) as the query's outputs. `restore` replays a changelog.
 */
import { fromTagged, toTagged } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

export class StateStore<V> {
  private readonly decoded = new Map<string, V>();
  /** Restored changelog values not decoded yet: a restart only indexes them; `get` decodes on use. */
  private readonly raw = new Map<string, Buffer>();

  /** Every entry, decoded (scans: pull queries, session and EMIT FINAL bookkeeping). */
  get map(): Map<string, V> {
    if (this.raw.size > 0) {
      for (const [k, b] of this.raw) this.decoded.set(k, decode<V>(b));
      this.raw.clear();
    }
    return this.decoded;
  }
  /** Keys written since the last drain → timestamp of the last write (the changelog is compacted). */
  private readonly pending = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly changelogTopic: string,
  ) {}

  get(key: string): V | undefined {
    const v = this.decoded.get(key);
    if (v !== undefined) return v;
    const b = this.raw.get(key);
    if (b === undefined) return undefined;
    const value = decode<V>(b);
    this.raw.delete(key);
    this.decoded.set(key, value);
    return value;
  }

  put(key: string, value: V, timestamp: number): void {
    this.decoded.set(key, value);
    this.raw.delete(key);
    this.pending.set(key, timestamp);
  }

  delete(key: string, timestamp: number): void {
    const had = this.decoded.delete(key);
    if (!this.raw.delete(key) && !had) return;
    this.pending.set(key, timestamp);
  }

  /**
   * The changelog records for the keys written since the last drain: one per key, carrying its
   * latest value (intermediate values of a batch are compacted away, as Kafka would).
   */
  drain(): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const [key, timestamp] of this.pending) {
      const v = this.get(key);
      out.push({
        topic: this.changelogTopic,
        key: Buffer.from(key),
        value: v === undefined ? null : Buffer.from(JSON.stringify(toTagged(v))),
        timestamp,
      });
    }
    this.pending.clear();
    return out;
  }

  /** Drops queued changelog records (a failed batch). */
  discard(): void {
    this.pending.clear();
  }

  /** Rebuilds the map from its changelog (last write per key wins, null deletes). */
  restore(records: ConsumedRecord[]): void {
    for (const r of records) {
      if (r.key === null) continue;
      const k = r.key.toString();
      this.decoded.delete(k);
      if (r.value === null) this.raw.delete(k);
      else this.raw.set(k, r.value);
    }
  }
}

function decode<V>(b: Buffer): V {
  return fromTagged(JSON.parse(b.toString())) as V;
}
