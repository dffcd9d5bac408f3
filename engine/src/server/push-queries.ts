import { ErrorCodes } from '../errors.js';
import type { RunningQuery } from '../executor/engine.js';
import { genericError } from './errors.js';

/**
 * The push queries this server is streaming: bounded (ksqlDB's `ksql.max.push.queries`, 40003
 * beyond it) and closed all at once on shutdown.
 */
export class PushQueryRegistry {
  readonly #open = new Set<RunningQuery>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Registers a push query, or closes it and throws 400/40003 when the limit is reached. */
  async admit(query: RunningQuery): Promise<void> {
    if (this.#open.size >= this.#max) {
      await query.close();
      throw genericError(
        400,
        ErrorCodes.MAX_PUSH_QUERIES,
        `The maximum number of concurrent push queries (${this.#max}) has been reached. Close some push queries and try again.`,
      );
    }
    this.#open.add(query);
  }

  release(query: RunningQuery): void {
    this.#open.delete(query);
  }

  /** Ends every open push query (their responses then end as closed queries). */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.#open].map((query) => query.close()));
  }
}
