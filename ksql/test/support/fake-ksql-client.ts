import { KsqlClientError } from '../../src/errors.js';
import type { KsqlClient, KsqlEntity, KsqlRow, StatementOptions } from '../../src/index.js';

/**
 * An in-memory stand-in for `KsqlClient` that knows just enough for the migrations tool: sources
 * created and dropped by name, the metadata stream's inserts folded into its table (latest
 * non-null value per key, like LATEST_BY_OFFSET), and pull queries by VERSION_KEY. Statements are
 * recorded; `failOn` makes a statement fail like ksqlDB (400/40001).
 */
export function createFakeKsqlClient(options: { failOn?: RegExp } = {}) {
  const sources = new Map<string, 'STREAM' | 'TABLE'>();
  const table = new Map<string, Record<string, string>>();
  const statements: { text: string; properties: Record<string, unknown> }[] = [];
  const metadataStream = 'MIGRATION_EVENTS';

  const client: KsqlClient = {
    async execute(ksql: string, options2: StatementOptions = {}): Promise<KsqlEntity[]> {
      statements.push({ text: ksql, properties: { ...options2.properties } });
      if (options.failOn?.test(ksql)) {
        throw new KsqlClientError('Line: 1, Col: 1: bad statement', {
          status: 400,
          errorCode: 40001,
          statementText: ksql,
        });
      }
      const describe = /^DESCRIBE (\w+);$/i.exec(ksql);
      if (describe) {
        const name = describe[1]!.toUpperCase();
        if (!sources.has(name)) {
          throw new KsqlClientError(`Could not find STREAM/TABLE '${name}' in the Metastore`, {
            status: 400,
            errorCode: 40001,
          });
        }
        return [
          {
            '@type': 'sourceDescription',
            sourceDescription: { name, writeQueries: [{ id: `CTAS_${name}_1` }] },
          },
        ];
      }
      const create = /^CREATE (?:OR REPLACE )?(?:SOURCE )?(STREAM|TABLE) (?:IF NOT EXISTS )?(\w+)/i.exec(
        ksql,
      );
      if (create) {
        const name = create[2]!.toUpperCase();
        if (sources.has(name))
          throw new KsqlClientError(`Cannot add stream '${name}'`, { status: 400, errorCode: 40001 });
        sources.set(name, create[1]!.toUpperCase() as 'STREAM' | 'TABLE');
        return [
          {
            '@type': 'currentStatus',
            commandStatus: { status: 'SUCCESS' },
            commandSequenceNumber: statements.length,
          },
        ];
      }
      const drop = /^DROP (STREAM|TABLE) (\w+)/i.exec(ksql);
      if (drop) sources.delete(drop[2]!.toUpperCase());
      return [];
    },
    async pull(sql) {
      const key = /VERSION_KEY = '([^']*)'/.exec(sql)?.[1] ?? '';
      const names = [
        'VERSION',
        'NAME',
        'STATE',
        'CHECKSUM',
        'STARTED_ON',
        'COMPLETED_ON',
        'PREVIOUS',
        'ERROR_REASON',
      ];
      const row = table.get(key);
      const rows: KsqlRow[] = row ? [names.map((n) => row[n] ?? null)] : [];
      return {
        header: { queryId: undefined, columns: names.map((name) => ({ name, type: 'STRING', key: false })) },
        rows,
      };
    },
    async push() {
      throw new Error('not supported by the fake');
    },
    async insert(target, rows) {
      if (target.toUpperCase() !== metadataStream) throw new Error(`unexpected insert into ${target}`);
      for (const row of rows) {
        const key = String(row['VERSION_KEY']);
        const merged = { ...table.get(key) };
        for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) merged[k] = String(v);
        table.set(key, merged);
      }
      return rows.map((_, seq) => ({ seq }));
    },
    async closeQuery() {},
    async info() {
      return { version: '0.29.0', kafkaClusterId: 'fake', ksqlServiceId: 'default_' };
    },
    async healthcheck() {
      return { isHealthy: true, details: {} };
    },
    async close() {},
  };
  return { client, sources, table, statements };
}
