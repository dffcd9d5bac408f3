import type { Logger } from '@tally/common';
import { type RowRecord, rowKey } from '../domain/tables.js';
import { type Backoff, type BackoffOptions, createBackoff } from './backoff.js';
import type { ChangeSignal } from './coalesce.js';
import type { ChangeRow, ChangeStream, TableFeed } from './table-feed.js';

/** Hooks a live view reports to (metrics). */
export interface LiveViewEvents {
  rows?(table: string, count: number): void;
  /** A change arrived `seconds` after its record time (ROWTIME). */
  age?(table: string, seconds: number): void;
  error?(table: string, error: unknown): void;
  reconnect?(table: string): void;
  connected?(table: string, connected: boolean): void;
}

/** Options of `LiveView`. */
export interface LiveViewOptions {
  feed: TableFeed;
  /** Columns identifying a row (upsert key). */
  keyColumns: readonly string[];
  logger?: Logger | undefined;
  backoff?: BackoffOptions | undefined;
  /**
   * Take one more snapshot this long after (re)connecting (default 2000 ms; 0 = never): closes
   * the gap of a push query that starts consuming a little after it answered.
   */
  settleSnapshotMs?: number | undefined;
  events?: LiveViewEvents | undefined;
}

/**
 * The current state of one ksqlDB table, kept by ONE upstream push query shared by every
 * subscriber of this process.
 *
 * Ordering: the push query is started first, its rows buffered while a pull snapshot is read, then
 * the snapshot replaces the state and the buffered rows are applied on top — no change between
 * the two is lost (a buffered row older than the snapshot is overwritten again by the newer row
 * that follows it in the stream). When the stream fails or ends, the view keeps its last state,
 * reconnects with exponential backoff and re-snapshots; subscribers just see the new state.
 * Listeners are told of changes once per event-loop turn, however many rows arrived in it.
 */
export class LiveView implements ChangeSignal {
  readonly table: string;
  private readonly options: LiveViewOptions;
  private readonly backoff: Backoff;
  private readonly listeners = new Set<() => void>();
  private rows = new Map<string, RowRecord>();
  private buffer: ChangeRow[] | undefined;
  private stream: ChangeStream | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private notifyPending = false;
  private wakeSleep: (() => void) | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private readyWaiters: (() => void)[] = [];
  /** Increases on every change of the state. */
  version = 0;
  /** True once a snapshot has been loaded (the state is meaningful). */
  ready = false;
  /** True while the push query is up and the state current. */
  connected = false;
  /** When a push row last changed the state. */
  lastChangeAt: Date | null = null;

  constructor(options: LiveViewOptions) {
    this.options = options;
    this.table = options.feed.table;
    this.backoff = createBackoff(options.backoff);
  }

  /** The rows now, by key. */
  get state(): ReadonlyMap<string, RowRecord> {
    return this.rows;
  }

  /** The rows now, as a list. */
  values(): RowRecord[] {
    return [...this.rows.values()];
  }

  /** Starts the upstream query (idempotent). */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.run();
  }

  /** Resolves once the first snapshot is loaded. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Number of listeners (subscribers' streams). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Stops the push query and reconnection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    this.wakeSleep?.();
    await this.stream?.close().catch(() => undefined);
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connect();
      } catch (error) {
        if (this.stopped) break;
        this.options.events?.error?.(this.table, error);
        // the first failure is news; the retries that follow while ksqlDB is down are not
        const log = this.options.logger;
        if (this.backoff.attempts === 0)
          log?.warn({ err: error, table: this.table }, 'live view: upstream failed');
        else log?.debug({ err: error, table: this.table }, 'live view: upstream still failing');
      }
      this.setConnected(false);
      clearTimeout(this.settleTimer);
      if (this.stopped) break;
      const wait = this.backoff.next();
      this.options.logger?.info({ table: this.table, waitMs: wait }, 'live view: reconnecting');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.options.events?.reconnect?.(this.table);
    }
  }

  private async connect(): Promise<void> {
    this.buffer = [];
    const stream = await this.options.feed.changes();
    this.stream = stream;
    if (this.stopped) {
      await stream.close();
      return;
    }
    const pumped = this.pump(stream).then(
      () => new Error(`push query on ${this.table} ended`),
      (error: unknown) => error,
    );
    try {
      await this.loadSnapshot();
    } catch (error) {
      await stream.close().catch(() => undefined);
      await pumped;
      throw error;
    }
    this.setConnected(true);
    this.backoff.reset();
    const settle = this.options.settleSnapshotMs ?? 2000;
    if (settle > 0) {
      this.settleTimer = setTimeout(() => {
        this.loadSnapshot().catch((error: unknown) =>
          this.options.logger?.warn({ err: error, table: this.table }, 'live view: settle snapshot failed'),
        );
      }, settle);
      this.settleTimer.unref?.();
    }
    const outcome = await pumped;
    if (!this.stopped) throw outcome;
  }

  private async pump(stream: ChangeStream): Promise<void> {
    for await (const change of stream) {
      this.options.events?.rows?.(this.table, 1);
      if (change.rowtime !== undefined)
        this.options.events?.age?.(this.table, (Date.now() - change.rowtime) / 1000);
      if (this.buffer) this.buffer.push(change);
      else this.apply([change]);
    }
  }

  /** Reads a snapshot while buffering push rows, then replaces the state and replays the buffer. */
  private async loadSnapshot(): Promise<void> {
    this.buffer ??= [];
    let rows: RowRecord[];
    try {
      rows = await this.options.feed.snapshot();
    } catch (error) {
      const buffered = this.buffer;
      this.buffer = undefined;
      this.apply(buffered);
      throw error;
    }
    const next = new Map<string, RowRecord>();
    for (const row of rows) next.set(rowKey(row, this.options.keyColumns), row);
    this.rows = next;
    const buffered = this.buffer;
    this.buffer = undefined;
    this.version += 1;
    this.apply(buffered);
    if (!this.ready) {
      this.ready = true;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    }
    this.scheduleNotify();
  }

  private apply(changes: readonly ChangeRow[]): void {
    if (changes.length === 0) return;
    for (const change of changes) {
      const key = rowKey(change.values, this.options.keyColumns);
      if (change.tombstone) this.rows.delete(key);
      else this.rows.set(key, change.values);
    }
    this.version += 1;
    this.lastChangeAt = new Date();
    this.scheduleNotify();
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.options.events?.connected?.(this.table, connected);
  }

  private scheduleNotify(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    setImmediate(() => {
      this.notifyPending = false;
      for (const listener of this.listeners) listener();
    });
  }
}
