/**
 * A key-value state store backed by a changelog topic: written keys are queued and, at the end of
 * a batch, written as changelog records (key = store key, value = tagged JSON of the latest value,
 * null = delete) in the same batch (same transaction under exactly-once) as the query's outputs.
 * `restore` replays a changelog, `load` a state snapshot (runtime/snapshot/); both keep the values
 * undecoded until they are used.
 */
import { fromTagged, newStruct, taggedJson } from '../analyzer/index.js';
import type { ConsumedRecord, OutputRecord } from './topic-store.js';

/**
 * A changelog value as kept: the bytes read (a restored changelog, a loaded snapshot) or the text
 * written (a string is one heap object the garbage collector does not look into; a small Buffer is
 * a view onto a shared 8 KB slab, and one per key of a large store costs marking and memory).
 */
export type StoredValue = Buffer | string;

/** A store's content as changelog values, key by key (a state snapshot). */
export interface StoreContent {
  keys: string[];
  values: StoredValue[];
}

export class StateStore<V> {
  /** Decoded values: a cache over `encoded`, and the values put since the last drain. */
  private readonly decoded = new Map<string, V>();
  /**
   * Changelog value bytes by key. Without `trackWritten`: restored values not decoded yet (a value
   * leaves when it is decoded). With it: every key's bytes as last written to the changelog,
   * changed only by `drain`, `restore` and `load` — after a commit and before the next drain,
   * exactly the committed changelog, which `capture` copies.
   */
  private readonly encoded = new Map<string, StoredValue>();
  private tracking = false;
  /** Tracking: keys deleted since the last drain, whose old bytes `encoded` still holds. */
  private readonly deleted = new Set<string>();
  /** Some entries of `encoded` may not be decoded yet. */
  private undecoded = false;
  /** Keys written since the last drain → timestamp of the last write (the changelog is compacted). */
  private readonly pending = new Map<string, number>();
  /** Bumped whenever the written content changes (snapshots skip stores that did not change). */
  version = 0;
  /**
   * Tracking: the most values kept decoded. Beyond it the oldest (first decoded or written) are
   * dropped after a drain and live on as their changelog text in `encoded`, decoded again when
   * read — a store of one entry per voter then holds one string per voter, not a tree of objects
   * that every major garbage collection marks (the engine's CPU per vote grew with the voters).
   */
  private cacheLimit = Number.POSITIVE_INFINITY;

  constructor(
    readonly name: string,
    readonly changelogTopic: string,
  ) {}

  /**
   * Every entry, decoded and cached (session and EMIT FINAL bookkeeping). A store read whole keeps
   * every value decoded from then on.
   */
  get map(): Map<string, V> {
    this.cacheLimit = Number.POSITIVE_INFINITY;
    if (this.undecoded) {
      for (const [k, b] of this.encoded) this.decodeEntry(k, b);
      if (!this.tracking) this.encoded.clear();
      this.undecoded = false;
    }
    return this.decoded;
  }

  /**
   * Every value, for one pass (pull query scans), in the order of `map`: values not decoded yet
   * are decoded for the pass only, not cached, so the first full scan after a restart allocates
   * nothing that outlives it (caching a million entries costs more in garbage collection than
   * decoding them). Iterate it to the end without changing the store meanwhile.
   */
  *values(): IterableIterator<V> {
    yield* this.decoded.values();
    if (!this.undecoded) return;
    for (const [k, b] of this.encoded) {
      if (!this.decoded.has(k) && !this.deleted.has(k)) yield decode<V>(b);
    }
  }

  /**
   * Keeps the written bytes of every key so `capture` can copy them (call before restoring), and
   * at most `cacheLimit` values decoded (the others' bytes are kept anyway).
   */
  trackWritten(cacheLimit = Number.POSITIVE_INFINITY): void {
    this.cacheLimit = Math.max(1, cacheLimit);
    if (this.tracking) return;
    this.tracking = true;
    for (const [k, v] of this.decoded) if (!this.pending.has(k)) this.encoded.set(k, taggedJson(v));
  }

  get(key: string): V | undefined {
    const v = this.decoded.get(key);
    if (v !== undefined || !this.undecoded || this.deleted.has(key)) return v;
    const b = this.encoded.get(key);
    return b === undefined ? undefined : this.decodeEntry(key, b);
  }

  put(key: string, value: V, timestamp: number): void {
    this.decoded.set(key, value);
    if (this.tracking) this.deleted.delete(key);
    else this.encoded.delete(key);
    this.pending.set(key, timestamp);
  }

  delete(key: string, timestamp: number): void {
    const had = this.decoded.delete(key);
    if (this.tracking) {
      const stored = this.encoded.has(key) && !this.deleted.has(key);
      if (!stored && !had) return;
      if (stored) this.deleted.add(key);
    } else if (!this.encoded.delete(key) && !had) return;
    this.pending.set(key, timestamp);
  }

  /**
   * The changelog records for the keys written since the last drain: one per key, carrying its
   * latest value (intermediate values of a batch are compacted away, as Kafka would).
   */
  drain(): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const [key, timestamp] of this.pending) {
      const v = this.deleted.has(key) ? undefined : this.decoded.get(key);
      const text = v === undefined ? null : taggedJson(v);
      if (this.tracking) {
        if (text === null) this.encoded.delete(key);
        else this.encoded.set(key, text);
      }
      const value = text === null ? null : Buffer.from(text);
      out.push({ topic: this.changelogTopic, key: Buffer.from(key), value, timestamp });
    }
    if (this.pending.size > 0) this.version++;
    this.pending.clear();
    this.deleted.clear();
    if (this.decoded.size > this.cacheLimit) this.evict();
    return out;
  }

  /**
   * Drops the oldest decoded values to 90% of the limit (tracking only: every decoded key's bytes
   * are in `encoded` after a drain). A key read often is decoded again at most once per turn of
   * the cache.
   */
  private evict(): void {
    let excess = this.decoded.size - Math.floor(this.cacheLimit * 0.9);
    for (const key of this.decoded.keys()) {
      if (excess-- <= 0) break;
      this.decoded.delete(key);
    }
    this.undecoded = true;
  }

  /** Drops queued changelog records (a failed batch: the owner rebuilds the store). */
  discard(): void {
    this.pending.clear();
    this.deleted.clear();
  }

  /** Rebuilds the map from its changelog (last write per key wins, null deletes). */
  restore(records: ConsumedRecord[]): void {
    for (const r of records) {
      if (r.key === null) continue;
      const key = r.key.toString();
      this.decoded.delete(key);
      if (r.value === null) this.encoded.delete(key);
      else this.encoded.set(key, r.value);
    }
    if (records.length > 0) {
      this.undecoded = true;
      this.version++;
    }
  }

  /** Loads a state snapshot (into an empty store, before its changelog tail is restored). */
  load(content: StoreContent): void {
    const { keys, values } = content;
    const fresh = this.decoded.size === 0;
    for (let i = 0; i < keys.length; i++) {
      if (!fresh) this.decoded.delete(keys[i]!);
      this.encoded.set(keys[i]!, values[i]!);
    }
    this.undecoded ||= keys.length > 0;
    this.version++;
  }

  /**
   * A copy of the written content (with `trackWritten`). It equals the committed changelog only
   * between a commit and the next `drain`.
   */
  capture(): StoreContent {
    if (!this.tracking) throw new Error(`state store ${this.name} does not track its content`);
    return { keys: [...this.encoded.keys()], values: [...this.encoded.values()] };
  }

  /** Decodes one stored entry into the cache unless it is there already or deleted. */
  private decodeEntry(key: string, bytes: StoredValue): V | undefined {
    if (this.decoded.has(key) || this.deleted.has(key)) return this.decoded.get(key);
    const value = decode<V>(bytes);
    this.decoded.set(key, value);
    if (!this.tracking) this.encoded.delete(key);
    return value;
  }
}

function decode<V>(stored: StoredValue): V {
  return untag(JSON.parse(typeof stored === 'string' ? stored : stored.toString())) as V;
}

/**
 * `fromTagged` for freshly parsed JSON, about twice as fast on the common shapes — structs
 * (`$o`), arrays (rewritten in place: the parse made them) and BIGINTs (`$b`) — and `fromTagged`
 * itself for the rarer tags. Decoding is most of a restarted store's first scan.
 */
function untag(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' && x !== null) v[i] = untag(x);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  // toTagged writes exactly one key per tagged object: its tag.
  for (const tag in o) {
    if (tag === '$o') {
      const fields = o.$o as Record<string, unknown>;
      const struct = newStruct();
      for (const k in fields) {
        const x = fields[k];
        const name = k.charCodeAt(0) === 0x24 && k.charCodeAt(1) === 0x24 ? k.slice(1) : k;
        struct[name] = typeof x === 'object' && x !== null ? untag(x) : x;
      }
      return struct;
    }
    if (tag === '$b') return BigInt(o.$b as string);
    break;
  }
  return fromTagged(o);
}
