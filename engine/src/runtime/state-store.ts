/**
 * A key-value state store backed by a changelog topic: every write is also queued as a changelog
 * record (key = store key, value = tagged JSON, null = delete) that the processor writes in the same
 * batch (same transaction under exactly-once) as the query's outputs. `restore` replays a changelog.
 */
import { fromTagged, toTagged } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

export class StateStore<V> {
  readonly map = new Map<string, V>();
  private pending: OutputRecord[] = [];

  constructor(
    readonly name: string,
    readonly changelogTopic: string,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  put(key: string, value: V, timestamp: number): void {
    this.map.set(key, value);
    this.pending.push({
      topic: this.changelogTopic,
      key: Buffer.from(key),
      value: Buffer.from(JSON.stringify(toTagged(value))),
      timestamp,
    });
  }

  delete(key: string, timestamp: number): void {
    if (!this.map.delete(key)) return;
    this.pending.push({ topic: this.changelogTopic, key: Buffer.from(key), value: null, timestamp });
  }

  /** The changelog records written since the last drain. */
  drain(): OutputRecord[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }

  /** Drops queued changelog records (a failed batch). */
  discard(): void {
    this.pending = [];
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
