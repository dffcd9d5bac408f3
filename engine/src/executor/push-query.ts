/**
 * Transient push queries (SELECT … EMIT CHANGES): the same operators as a persistent query, fed by a
 * tail of the source topic from `latest` (default) or `earliest`, emitting rows into a bounded
 * queue the server drains. Streams: one row per record passing WHERE. Tables: one row per
 * changelog record (deletes are tombstone rows carrying only the key columns). Aggregations: every
 * update. Ends at LIMIT or on close.
 */
import { analyzeSelect, type DataSource, KsqlTypeError, walk } from '../analyzer/index.js';
import { planQuery } from '../planner/index.js';
import {
  createPipeline,
  renderRow,
  SerdeError,
  type StartPosition,
  type Tail,
  type TopicStore,
} from '../runtime/index.js';
import type { Select } from '../syntax/index.js';
import type { QueryColumn, QueryEnd, QueryRow, RunningQuery } from './engine.js';
import { printTypeName } from './pull-query.js';
import { RowQueue } from './row-queue.js';

/**
 * Longest stretch of a tail batch computed without giving the event loop back. The engine runs every
 * query on one event loop: a push query catching up on thousands of changelog records would
 * otherwise hold back the persistent queries' Kafka round trips (and every other push query).
 */
const SLICE_MS = 10;

export interface PushQueryOptions {
  id: string;
  select: Select;
  source: DataSource;
  store: TopicStore;
  from: StartPosition;
  onClose: () => void;
  lookup: (name: string) => DataSource | undefined;
}

export async function startPush(o: PushQueryOptions): Promise<RunningQuery> {
  if (o.select.where !== undefined && o.source.window === undefined) {
    walk(o.select.where, (e) => {
      if (e.kind === 'column' && (e.name === 'WINDOWSTART' || e.name === 'WINDOWEND')) {
        throw new KsqlTypeError(`Error in WHERE expression: Unknown column ${e.name}.`);
      }
    });
  }
  if (o.select.having !== undefined) {
    walk(o.select.having, (e) => {
      if (e.kind === 'column' && (e.name === 'WINDOWSTART' || e.name === 'WINDOWEND')) {
        throw new KsqlTypeError(
          `Window bounds column ${e.name} can only be used in the SELECT clause of windowed aggregations`,
        );
      }
    });
  }
  const q = analyzeSelect(o.select, o.lookup, { persistent: false });
  const columns: QueryColumn[] = q.projection.map((p) => ({
    name: p.name,
    type: printTypeName(p.type),
    key: false,
  }));
  const types = q.projection.map((p) => p.type);
  const names = q.projection.map((p) => p.name);
  const pipeline = createPipeline(planQuery(o.id, q), {
    appId: `transient_${o.id}`,
    materialize: false,
    report: () => undefined,
  });
  const queue = new RowQueue<QueryRow>(1000);
  const limit = o.select.limit;
  let emitted = 0;
  let end: QueryEnd = 'open';
  let tail: Tail | undefined;
  let closed = false;

  const finish = async (why: QueryEnd) => {
    if (closed) return;
    closed = true;
    end = why;
    queue.end();
    o.onClose();
    const t = tail;
    if (t !== undefined) void t.close();
  };

  if (limit === 0) {
    await finish('limit');
  } else {
    tail = await o.store.tail(
      q.topics,
      o.from,
      async (records) => {
        let sliceStart = performance.now();
        for (const r of records) {
          if (closed) return;
          if (performance.now() - sliceStart >= SLICE_MS) {
            // a large batch is computed in slices: other queries' I/O gets the event loop in between
            await new Promise<void>((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
            if (closed) return;
          }
          let changes: ReturnType<typeof pipeline.process>;
          try {
            changes = pipeline.process(r);
          } catch (e) {
            if (e instanceof SerdeError) continue;
            throw e;
          }
          for (const s of pipeline.stores) s.drain();
          for (const c of changes) {
            if (closed) return;
            if (c.row === null && q.source.type === 'STREAM' && q.aggregate === undefined) continue;
            if (c.filteredOut === true) continue;
            const values =
              c.row === null ? names.map((n) => c.keyRow[n] ?? null) : names.map((n) => c.row![n] ?? null);
            const row: QueryRow = { json: renderRow(values, types) };
            if (c.row === null) row.tombstone = true;
            await queue.push(row);
            emitted++;
            if (limit !== undefined && emitted >= limit) {
              await finish('limit');
              return;
            }
          }
        }
      },
      (error) => {
        // The reader stopped for good: the client gets the error in the stream, not silence.
        queue.end(error);
        void finish('closed');
      },
    );
    if (closed) void tail.close();
  }

  return {
    queryId: o.id,
    kind: 'push',
    columns,
    rows: queue,
    end: () => end,
    close: () => finish('closed'),
  };
}
