/**
 * The state snapshots of one persistent query: restores its stores (snapshot + changelog tail),
 * then writes a snapshot of each store that changed, periodically and at a clean stop.
 *
 * A snapshot must equal its changelog's content below the positions it records. A store's
 * written content (`StateStore.capture`) changes only when the processor flushes the changelogs
 * right before a commit, and the processor commits one flush at a time: so when it reports a
 * commit (`afterCommit`, before the next flush) that content is exactly the committed changelog.
 * The positions are the changelog's end offsets read *before* that copy: every record below them
 * was written by an earlier flush, hence is in the copy, and records written after them are
 * replayed again at restore, harmlessly (last write per key wins). The producer's send metadata
 * would name exact offsets, but the processor does not hand them out, and offsets read ahead of
 * the copy can only lie behind the content, never ahead of it. At a clean stop the processor has
 * committed everything and writes nothing more, so the end offsets are exact.
 */
import type { Logger } from '@tally/common';
import type { StateStore, StoreContent } from '../state-store.js';
import type { PartitionOffset, TopicStore } from '../topic-store.js';
import { snapshotChunks } from './codec.js';
import { queryFolder, remove, removeLeftovers, snapshotFile, writeFileAtomically } from './files.js';
import { type RestoreOutcome, restoreStores } from './restore.js';

/** Snapshot settings of the engine. */
export interface SnapshotSettings {
  /** The state folder (ENGINE_STATE_DIR). */
  stateDir: string;
  /** Time between periodic snapshots (ENGINE_SNAPSHOT_INTERVAL_MS). */
  intervalMs: number;
  /** Older snapshots are not used (default `MAX_SNAPSHOT_AGE_MS`). */
  maxAgeMs?: number;
  /** Values each store keeps decoded (ENGINE_STATE_CACHE_ENTRIES; default all). */
  cacheEntries?: number;
}

/**
 * A periodic snapshot waits at least this many times as long as the last one took: a snapshot
 * rewrites every changed store whole, so with a large state (one entry per voter) it could
 * otherwise take a good part of every interval. Bounds snapshot work to ≈5% of the time.
 */
export const SNAPSHOT_COST_FACTOR = 20;

export interface QuerySnapshotsOptions {
  settings: SnapshotSettings;
  /** Milliseconds of a monotonic clock (default `performance.now`); tests pass their own. */
  now?: () => number;
  /** The query's application id (`_confluent-ksql-<service>query_<id>`): its snapshot folder. */
  appId: string;
  topics: TopicStore;
  stores: StateStore<unknown>[];
  logger: Logger;
}

interface Capture {
  store: StateStore<unknown>;
  version: number;
  content: StoreContent;
  positions: PartitionOffset[];
}

/** One query's snapshots (one instance per pipeline: a restarted query gets a new one). */
export class QuerySnapshots {
  private readonly folder: string;
  private clusterId = '';
  /** Changelog end offsets read for the next copy, taken after the next commit. */
  private armed: Map<StateStore<unknown>, PartitionOffset[]> | undefined;
  private arming = false;
  private writing: Promise<void> | undefined;
  /** Store → its `version` when its last snapshot was written (or loaded unchanged). */
  private readonly saved = new Map<StateStore<unknown>, number>();
  /** When the last snapshot's writing ended, and how long it took (`now` milliseconds). */
  private lastWrite = { endedAt: Number.NEGATIVE_INFINITY, ms: 0 };
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: QuerySnapshotsOptions) {
    this.folder = queryFolder(options.settings.stateDir, options.appId);
    this.now = options.now ?? (() => performance.now());
  }

  /** Restores every store (see restore.ts); call before the query processes anything. */
  async restore(): Promise<RestoreOutcome[]> {
    const { topics, stores, logger, settings } = this.options;
    this.clusterId = await topics.clusterId();
    await removeLeftovers(this.folder);
    for (const s of stores) s.trackWritten(settings.cacheEntries);
    const source = {
      folder: this.folder,
      clusterId: this.clusterId,
      ...(settings.maxAgeMs === undefined ? {} : { maxAgeMs: settings.maxAgeMs }),
    };
    const outcomes = await restoreStores(topics, stores, logger, source);
    outcomes.forEach((o, i) => {
      // A snapshot loaded with nothing after it is still current: no need to write it again.
      if ((o.from === 'snapshot' && o.records === 0) || o.from === 'created')
        this.saved.set(stores[i]!, stores[i]!.version);
    });
    return outcomes;
  }

  /** Starts the periodic snapshots. */
  start(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.requestSnapshot(), this.options.settings.intervalMs);
    this.timer.unref();
  }

  /**
   * Call when the processor reports a commit (before its next flush): the stores' written content
   * is the committed changelogs here. Copies it if a snapshot is due; the files are written in the
   * background.
   */
  afterCommit(): void {
    const armed = this.armed;
    if (armed === undefined || this.closed) return;
    this.armed = undefined;
    const captures = this.capture((s) => armed.get(s));
    if (captures.length > 0) this.writing = this.write(captures);
  }

  /**
   * After the query's processor stopped cleanly (its last batch committed): writes a snapshot of
   * every store that changed, at the changelogs' end offsets.
   */
  async finish(): Promise<void> {
    this.close();
    await this.writing;
    const ends = new Map<StateStore<unknown>, PartitionOffset[]>();
    try {
      for (const s of this.changed()) ends.set(s, await this.endOffsets(s));
    } catch (e) {
      this.options.logger.warn(
        { err: e, appId: this.options.appId },
        'no state snapshot at stop: changelog offsets unavailable',
      );
      return;
    }
    const captures = this.capture((s) => ends.get(s));
    if (captures.length > 0) await this.write(captures);
  }

  /** Stops periodic snapshots (a failed or stopped query); a write under way still completes. */
  close(): void {
    this.closed = true;
    this.armed = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** Deletes the query's snapshots (TERMINATE / DROP, which also delete its changelogs). */
  async discard(): Promise<void> {
    this.close();
    await this.writing;
    await remove(this.folder);
  }

  private changed(): StateStore<unknown>[] {
    return this.options.stores.filter((s) => this.saved.get(s) !== s.version);
  }

  private capture(positions: (s: StateStore<unknown>) => PartitionOffset[] | undefined): Capture[] {
    const captures: Capture[] = [];
    for (const store of this.changed()) {
      const at = positions(store);
      if (at !== undefined)
        captures.push({ store, version: store.version, content: store.capture(), positions: at });
    }
    return captures;
  }

  private async endOffsets(store: StateStore<unknown>): Promise<PartitionOffset[]> {
    const ranges = await this.options.topics.offsets(store.changelogTopic);
    return ranges.map((r) => ({ partition: r.partition, offset: r.high }));
  }

  /** Resolves when no snapshot is being written. */
  async settled(): Promise<void> {
    await this.writing;
  }

  /**
   * Reads the end offsets the next copy will record (the periodic timer); the copy follows at the
   * next commit. Does nothing while a snapshot is pending or being written, if nothing changed, or
   * until `SNAPSHOT_COST_FACTOR` times the last snapshot's duration has passed since it ended.
   */
  async requestSnapshot(): Promise<void> {
    if (this.closed || this.arming || this.armed !== undefined || this.writing !== undefined) return;
    if (this.now() - this.lastWrite.endedAt < this.lastWrite.ms * SNAPSHOT_COST_FACTOR) return;
    const stores = this.changed();
    if (stores.length === 0) return;
    this.arming = true;
    try {
      const armed = new Map<StateStore<unknown>, PartitionOffset[]>();
      for (const s of stores) armed.set(s, await this.endOffsets(s));
      if (!this.closed) this.armed = armed;
    } catch (e) {
      this.options.logger.warn(
        { err: e, appId: this.options.appId },
        'could not read changelog offsets for a snapshot',
      );
    } finally {
      this.arming = false;
    }
  }

  private async write(captures: Capture[]): Promise<void> {
    const { logger, appId } = this.options;
    const startedAt = this.now();
    try {
      for (const { store, version, content, positions } of captures) {
        const started = this.now();
        const header = {
          format: 1 as const,
          topic: store.changelogTopic,
          store: store.name,
          clusterId: this.clusterId,
          positions,
          entries: content.keys.length,
          createdAt: Date.now(),
        };
        const bytes = await writeFileAtomically(
          snapshotFile(this.folder, store.name),
          snapshotChunks(header, content),
        );
        this.saved.set(store, version);
        logger.info(
          {
            appId,
            store: store.name,
            entries: header.entries,
            bytes,
            positions,
            ms: Math.round(this.now() - started),
          },
          'state snapshot written',
        );
      }
    } catch (e) {
      logger.warn({ err: e, appId }, 'state snapshot failed; the changelog still holds the state');
    } finally {
      const endedAt = this.now();
      this.lastWrite = { endedAt, ms: endedAt - startedAt };
      this.writing = undefined;
    }
  }
}
