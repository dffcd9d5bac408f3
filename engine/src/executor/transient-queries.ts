/**
 * The push queries (SELECT … EMIT CHANGES) open on this engine, by id: what SHOW QUERIES lists,
 * what TERMINATE and /close-query close. A query leaves the registry when it ends or is closed.
 */
import type { RunningQuery } from './engine.js';

/** A push query and the source it reads. */
type TransientQuery = RunningQuery & { source: string };

/** The open push queries of one engine. */
export class TransientQueries {
  private readonly open = new Map<string, TransientQuery>();

  /** Registers a push query still open after it started. */
  add(id: string, query: RunningQuery, source: string): void {
    this.open.set(id, { ...query, source });
  }

  /** Forgets a query (it has closed itself). */
  remove(id: string): void {
    this.open.delete(id);
  }

  /** The ids of the open queries. */
  ids(): string[] {
    return [...this.open.keys()];
  }

  /** Whether `id` names an open query; ids are lower case, TERMINATE may upper-case them. */
  has(id: string): boolean {
    return this.open.has(id) || this.open.has(id.toLowerCase());
  }

  /** SHOW QUERIES entries of the open queries. */
  info(): Record<string, unknown>[] {
    return [...this.open.values()].map((t) => ({
      queryString: '',
      sinks: [],
      sinkKafkaTopics: [],
      id: t.queryId,
      statusCount: { RUNNING: 1 },
      queryType: 'PUSH',
      state: 'RUNNING',
    }));
  }

  /** Closes one query; false when no query has that id. */
  async close(id: string): Promise<boolean> {
    const q = this.open.get(id);
    if (q === undefined) return false;
    await q.close();
    this.open.delete(id);
    return true;
  }

  /** Closes every open query (TERMINATE ALL, shutdown). */
  async closeAll(): Promise<void> {
    for (const t of [...this.open.values()]) await t.close();
  }
}
