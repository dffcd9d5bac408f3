/**
 * A key-value state store backed by a changelog topic: written keys are queued and, at the end of
 * a batch, written as changelog records (key = store key, value = tagged JSON of the latest value,
 * null = delete) in the same batch (same transaction under exactly-once) as the query's outputs.
 * `restore` replays a changelog, `load` a state snapshot (runtime/snapshot/); both keep the values
 * undecoded until they are used.
 */
import { fromTagged, toTagged } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

/** A store's content as changelog value bytes, key by key (a state snapshot). */
export interface StoreContent {
  keys: string[];
  values: Buffer[];
}

export class StateStore<V> {
  private readonly decoded = new Map<string, V>();
  /** Restored changelog values not decoded yet: a restart only indexes them; `get` decodes on use. */
  private readonly raw = new Map<string, Buffer>();
  /**
   * With snapshots on: every key's value bytes as last written to the changelog (updated by `drain`,
   * `restore` and `load`, never by `put`/`delete`). After a commit and before the next `drain` this
   * is exactly the committed changelog's content, which `capture` copies.
   */
  private written: Map<string, Buffer> | undefined;
  /** Bumped whenever the written content changes (snapshots skip stores that did not change). */
  version = 0;

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

  /** Keeps the written bytes of every key so `capture` can copy them (call before restoring). */
  trackWritten(): void {
    if (this.written !== undefined) return;
    this.written = new Map(this.raw);
    for (const [k, v] of this.decoded) this.written.set(k, encode(v));
  }

  get size(): number {
    return this.raw.size + this.decoded.size;
  }

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
      const value = v === undefined ? null : encode(v);
      if (this.written !== undefined) {
        if (value === null) this.written.delete(key);
        else this.written.set(key, value);
      }
      out.push({ topic: this.changelogTopic, key: Buffer.from(key), value, timestamp });
    }
    if (this.pending.size > 0) this.version++;
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
      this.set(r.key.toString(), r.value);
    }
    if (records.length > 0) this.version++;
  }

  /** Loads a state snapshot (into an empty store, before its changelog tail is restored). */
  load(content: StoreContent): void {
    const { keys, values } = content;
    for (let i = 0; i < keys.length; i++) this.set(keys[i]!, values[i]!);
    this.version++;
  }

  /**
   * A copy of the written content (with `trackWritten`). It equals the committed changelog only
   * between a commit and the next `drain`.
   */
  capture(): StoreContent {
    if (this.written === undefined) throw new Error(`state store ${this.name} does not track its content`);
    return { keys: [...this.written.keys()], values: [...this.written.values()] };
  }

  /**
   * Decodes the restored values not decoded yet, a slice at a time between other work, so the first
   * scan after a restart (a pull query over the whole table) finds them ready.
   */
  async decodeAll(slice = 20_000): Promise<void> {
    // One live iterator: it skips entries removed meanwhile (decoded by `get`, overwritten by `put`).
    const entries = this.raw.entries();
    for (;;) {
      for (let n = 0; n < slice; n++) {
        const next = entries.next();
        if (next.done === true) return;
        const [k, b] = next.value;
        this.decoded.set(k, decode<V>(b));
        this.raw.delete(k);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private set(key: string, value: Buffer | null): void {
    this.decoded.delete(key);
    if (value === null) {
      this.raw.delete(key);
      this.written?.delete(key);
    } else {
      this.raw.set(key, value);
      this.written?.set(key, value);
    }
  }
}

function encode(v: unknown): Buffer {
  return Buffer.from(JSON.stringify(toTagged(v)));
}

function decode<V>(b: Buffer): V {
  return fromTagged(JSON.parse(b.toString())) as V;
}
