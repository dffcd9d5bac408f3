import type { RowRecord } from '../domain/tables.js';
import type { ChangeRow, ChangeStream, TableFeed } from './table-feed.js';

/** An open push stream of the fake: rows are queued until iterated; `fail` ends it with an error. */
class FakeStream implements ChangeStream {
  private readonly queue: ChangeRow[] = [];
  private wake: (() => void) | undefined;
  private ended: { error?: Error } | undefined;
  closed = false;
  constructor(private readonly onClose: (stream: FakeStream) => void) {}

  push(change: ChangeRow): void {
    this.queue.push(change);
    this.wake?.();
  }

  fail(error: Error): void {
    this.ended = { error };
    this.wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ended ??= {};
    this.onClose(this);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChangeRow> {
    while (true) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.ended) {
        if (this.ended.error) throw this.ended.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

/**
 * An in-memory table with a push feed, to drive `LiveView` in unit tests: `upsert`/`remove` change
 * the table and notify open streams; `snapshotHook` runs while a snapshot is being taken (to
 * interleave changes); `drop()` fails every open stream; `down` makes new queries fail.
 */
export class FakeTable implements TableFeed {
  readonly rows = new Map<string, RowRecord>();
  readonly open = new Set<FakeStream>();
  pushQueriesStarted = 0;
  snapshots = 0;
  down = false;
  snapshotHook: (() => void) | undefined;

  constructor(
    readonly table: string,
    private readonly key: string,
  ) {}

  upsert(row: RowRecord): void {
    this.rows.set(String(row[this.key]), row);
    for (const stream of this.open) stream.push({ values: row, tombstone: false });
  }

  remove(key: string): void {
    this.rows.delete(key);
    for (const stream of this.open) stream.push({ values: { [this.key]: key }, tombstone: true });
  }

  drop(): void {
    for (const stream of this.open) stream.fail(new Error('connection reset'));
    this.open.clear();
  }

  async changes(): Promise<ChangeStream> {
    if (this.down) throw new Error('ECONNREFUSED');
    this.pushQueriesStarted += 1;
    const stream = new FakeStream((closed) => this.open.delete(closed));
    this.open.add(stream);
    return stream;
  }

  async snapshot(): Promise<RowRecord[]> {
    if (this.down) throw new Error('ECONNREFUSED');
    this.snapshots += 1;
    const rows = [...this.rows.values()];
    this.snapshotHook?.();
    await Promise.resolve();
    return rows;
  }
}
