import { ErrorCodes, KsqlError, statementError } from '../errors.js';
import type {
  InsertTarget,
  KsqlEngine,
  QueryColumn,
  QueryEnd,
  QueryRequest,
  QueryRow,
  RunningQuery,
} from '../executor/engine.js';

/** A push query's rows, fed by a test: `push` rows, `fail` mid-stream, `finish` with an end reason. */
export class RowChannel {
  readonly #queue: QueryRow[] = [];
  #waiting: (() => void) | undefined;
  #done: QueryEnd | undefined;
  #error: Error | undefined;
  pulled = 0;

  push(...rows: QueryRow[]): void {
    this.#queue.push(...rows);
    this.#wake();
  }
  fail(error: Error): void {
    this.#error = error;
    this.#wake();
  }
  finish(how: QueryEnd): void {
    this.#done ??= how;
    this.#wake();
  }
  get ended(): QueryEnd | undefined {
    return this.#done;
  }
  #wake() {
    this.#waiting?.();
    this.#waiting = undefined;
  }
  async *rows(): AsyncGenerator<QueryRow> {
    for (;;) {
      const row = this.#queue.shift();
      if (row) {
        this.pulled += 1;
        yield row;
        continue;
      }
      if (this.#error) throw this.#error;
      if (this.#done) return;
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
      });
    }
  }
}

const columns: QueryColumn[] = [
  { name: 'ID', type: 'STRING', key: true },
  { name: 'COUNT', type: 'BIGINT', key: false },
];

/**
 * An in-memory `KsqlEngine` for the server's unit tests. SQL is matched by keyword, not parsed:
 * `... EMIT CHANGES` → push query fed by `channels`, `FROM T` → pull on a table, `FROM S` → pull on
 * a stream, `FROM ENDLESS` → an infinite push query (back-pressure), `FROM BROKEN` → fails mid-stream.
 */
export function createFakeEngine() {
  const channels: RowChannel[] = [];
  const open = new Map<string, RowChannel>();
  const inserted: { target: string; row: Record<string, unknown> }[] = [];
  let next = 0;
  let endlessPulled = 0;

  const running = (kind: 'pull' | 'push', channel: RowChannel): RunningQuery => {
    const queryId = `transient_T_${++next}`;
    if (kind === 'push') open.set(queryId, channel);
    return {
      queryId,
      kind,
      columns: kind === 'pull' ? columns : columns.map((c) => ({ ...c, key: false })),
      rows: channel.rows(),
      end: () => channel.ended ?? 'closed',
      close: async () => {
        open.delete(queryId);
        channel.finish('closed');
      },
    };
  };

  const engine: KsqlEngine = {
    execute: async ({ ksql }) => {
      if (/^\s*SELECT/i.test(ksql)) {
        throw new KsqlError(
          400,
          ErrorCodes.QUERY_ENDPOINT,
          `The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT`,
          { kind: 'statement', statementText: ksql },
        );
      }
      if (/BAD/.test(ksql)) throw statementError("line 1:1: Syntax Error\nmismatched input 'BAD'", ksql);
      if (/EXPLODE/.test(ksql)) throw new Error('internal detail');
      return [
        {
          '@type': 'currentStatus',
          statementText: ksql,
          commandId: 'stream/`S`/create',
          commandStatus: { status: 'SUCCESS', message: 'Stream created', queryId: null },
          commandSequenceNumber: 2,
          warnings: [],
        },
      ];
    },
    query: async ({ sql }: QueryRequest) => {
      if (/UNKNOWN/.test(sql)) throw statementError('UNKNOWN does not exist.', sql);
      if (/FROM ENDLESS/.test(sql)) {
        const filler = 'x'.repeat(1000);
        async function* endless(): AsyncGenerator<QueryRow> {
          for (;;) {
            endlessPulled += 1;
            yield { json: JSON.stringify([filler, endlessPulled]) };
          }
        }
        const channel = new RowChannel();
        const query = running('push', channel);
        return { ...query, rows: endless() };
      }
      const channel = new RowChannel();
      if (/EMIT CHANGES/.test(sql)) {
        channels.push(channel);
        return running('push', channel);
      }
      if (/FROM BROKEN/.test(sql)) {
        channel.push({ json: '["a",1]' });
        channel.fail(new KsqlError(500, ErrorCodes.SERVER_ERROR, 'broken source'));
        return running('pull', channel);
      }
      channel.push({ json: '["a",1]' }, { json: '["b",2]' });
      channel.finish(/FROM S/.test(sql) ? 'completed' : 'closed');
      return running('pull', channel);
    },
    closeQuery: async (queryId) => {
      const channel = open.get(queryId);
      if (!channel) return false;
      open.delete(queryId);
      channel.finish('closed');
      return true;
    },
    openInsertTarget: async (target) => {
      if (target !== 'VOTES')
        throw statementError(`Cannot insert values into an unknown stream/table: ${target}`, '');
      const insertTarget: InsertTarget = {
        insert: async (row) => {
          if ('BAD' in row)
            throw new KsqlError(
              400,
              ErrorCodes.BAD_REQUEST,
              "Can't coerce a field of type BOOLEAN into type BIGINT",
            );
          inserted.push({ target, row });
        },
      };
      return insertTarget;
    },
    info: () => ({
      version: '0.29.0',
      kafkaClusterId: 'cluster-1',
      ksqlServiceId: 'default_',
      serverStatus: 'RUNNING',
    }),
    health: () => ({
      isHealthy: true,
      details: {
        metastore: { isHealthy: true },
        kafka: { isHealthy: true },
        commandRunner: { isHealthy: true },
      },
      serverState: 'READY',
    }),
    commandStatuses: () => ({ 'stream/`S`/create': 'SUCCESS' }),
    commandStatus: (id) =>
      id === 'stream/`S`/create'
        ? { status: 'SUCCESS', message: 'Stream created', queryId: null }
        : undefined,
    close: async () => undefined,
  };
  // Optional capabilities the server uses when an engine has them (EngineCore does).
  Object.assign(engine, {
    lastCommandSequenceNumber: () => 2,
    queryMetrics: () => [
      {
        id: 'CTAS_T_1',
        state: 'RUNNING',
        recordsIn: 7,
        recordsOut: 5,
        errors: 1,
        restarts: 0,
        commits: 3,
        commitSeconds: 0.042,
      },
    ],
  });
  return { engine, channels, open, inserted, endlessPulled: () => endlessPulled };
}
