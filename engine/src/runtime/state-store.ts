/**
 * A key-value state store backed by a changelog topic: written keys are queued and, at the end of
 * a batch, written as changelog records (key = store key, value = tagged JSON of the latest value,
 * null = delete) in the same batch (same transaction under exactly-once) as the query's outputs. `restore` replays a changelog.
 */
import { fromTagged, toTagged } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

export class StateStore<V> {
  readonly map = new Map<string, V>();
  /** Keys written since the last drain → timestamp of the last write (the changelog is compacted). */
  private readonly pending = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly changelogTopic: string,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  put(key: string, value: V, timestamp: number): void {
    this.map.set(key, value);
    this.pending.set(key, timestamp);
  }

  delete(key: string, timestamp: number): void {
    if (!this.map.delete(key)) return;
    this.pending.set(key, timestamp);
  }

  /**
   * The changelog records for the keys written since the last drain: one per key, carrying its
   * latest value (intermediate values of a batch are compacted away, as Kafka would).
   */
  drain(): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const [key, timestamp] of this.pending) {
      const v = this.map.get(key);
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
      if (r.value === null) this.map.delete(k);
      else this.map.set(k, fromTagged(JSON.parse(r.value.toString())) as V);
    }
  }
}
