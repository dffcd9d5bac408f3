/**
 * CREATE [SOURCE] STREAM/TABLE with declared columns: the columns (key, value, header), the
 * formats and WITH options, the topic; a source table also gets its materializing query (CST_…).
 */
import {
  analyzeQuery,
  type Column,
  checkHeaderColumnType,
  type DataSource,
  KsqlTypeError,
} from '../../analyzer/index.js';
import { createTimestampReader } from '../../runtime/index.js';
import type { Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import type { EngineCore } from '../engine-core.js';
import { currentStatus } from '../entities.js';
import type { QueryInfo } from '../metastore.js';
import { intProp, resolveFormats, resolveWindow, strProp } from '../with-clause.js';
import { ensureTopic } from './ensure-topic.js';
import { alreadyExists } from './existing-source.js';
import { keyFormatCheck } from './key-format.js';
import { applySerdeProperties } from './value-format.js';

type Create = Extract<Statement, { kind: 'createSource' }>;

const RESERVED = ['ROWTIME', 'ROWPARTITION', 'ROWOFFSET', 'WINDOWSTART', 'WINDOWEND'];

/** Registers the stream or table (validated only in the sandbox). */
export async function createSource(
  core: EngineCore,
  ctx: ExecContext,
  s: Create,
  text: string,
): Promise<KsqlEntity> {
  const dup = s.orReplace ? undefined : alreadyExists(ctx, s.sourceType, s.name, text, s.ifNotExists);
  if (dup !== undefined) return dup;
  if (s.columns.length === 0) throw new KsqlTypeError('The statement does not define any columns.');
  const columns = declaredColumns(s);
  const keys = columns.filter((c) => c.namespace === 'KEY');
  if (s.sourceType === 'TABLE' && keys.length === 0)
    throw new KsqlTypeError('Tables require a PRIMARY KEY. Please define the PRIMARY KEY.');
  const topic = strProp(s.properties, 'KAFKA_TOPIC');
  if (topic === undefined)
    throw new KsqlTypeError('Missing required property "KAFKA_TOPIC" which has no default value.');
  const formats = resolveFormats(
    s.properties,
    keys.length === 0 ? { keyFormat: 'KAFKA' } : {},
    core.config['ksql.persistence.default.format.key'] ?? 'KAFKA',
  );
  keyFormatCheck(formats.keyFormat, keys, false);
  const window = resolveWindow(s.properties);
  if (window !== undefined && keys.length === 0)
    throw new KsqlTypeError('Windowed sources require a key column.');
  const ts = strProp(s.properties, 'TIMESTAMP')?.toUpperCase();
  if (ts !== undefined && !columns.some((c) => c.name === ts))
    throw new KsqlTypeError(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${ts}'`,
    );
  await ensureTopic(core, ctx, {
    topic,
    partitions: intProp(s.properties, 'PARTITIONS'),
    replicas: intProp(s.properties, 'REPLICAS'),
    sourceType: s.sourceType,
    text,
    config: undefined,
  });
  const source: DataSource = {
    name: s.name,
    type: s.sourceType,
    columns: [...keys, ...columns.filter((c) => c.namespace !== 'KEY')],
    topic,
    ...formats,
    isSource: s.isSource,
    sql: text,
  };
  if (window !== undefined) source.window = window;
  const tsFormat = strProp(s.properties, 'TIMESTAMP_FORMAT');
  if (ts !== undefined) {
    createTimestampReader(source.columns.find((c) => c.name === ts)!, tsFormat);
    source.timestampColumn = ts;
  }
  if (tsFormat !== undefined) source.timestampFormat = tsFormat;
  applySerdeProperties(source, s.properties, ctx, core.config);
  ctx.meta.sources.set(s.name, source);
  const commandId = `${s.sourceType.toLowerCase()}/\`${s.name}\`/create`;
  let queryId: string | null = null;
  if (s.isSource && s.sourceType === 'TABLE') {
    queryId = ctx.replay?.queryId ?? `CST_${s.name}_${ctx.seq}`;
    const analyzed = analyzeQuery(
      { kind: 'select', items: [{ kind: 'all' }], from: { name: s.name }, joins: [] },
      source,
      { persistent: true, sinkName: s.name },
    );
    const info: QueryInfo = { id: queryId, sql: text, sources: [s.name], analyzed, kind: 'CST' };
    ctx.meta.queries.set(queryId, info);
    if (!ctx.sandbox) await core.startQuery(info, undefined, ctx);
  }
  return currentStatus(
    text,
    commandId,
    s.sourceType === 'STREAM' ? 'Stream created' : 'Table created',
    queryId,
    ctx.seq,
  );
}

/** The declared columns in order, with their namespaces; throws on reserved, misplaced or duplicate ones. */
function declaredColumns(s: Create): Column[] {
  const columns: Column[] = [];
  for (const c of s.columns) {
    if (RESERVED.includes(c.name)) {
      throw new KsqlTypeError(
        `'${c.name}' is a reserved column name. You cannot use it as a name for a column.`,
      );
    }
    if (s.sourceType === 'STREAM' && c.constraint === 'PRIMARY KEY') {
      throw new KsqlTypeError(
        `Column \`${c.name}\` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
      );
    }
    if (s.sourceType === 'TABLE' && c.constraint === 'KEY') {
      throw new KsqlTypeError(
        `Column \`${c.name}\` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
      );
    }
    if (columns.some((x) => x.name === c.name)) throw new KsqlTypeError(`Duplicate column names: ${c.name}`);
    const namespace =
      c.constraint === 'KEY' || c.constraint === 'PRIMARY KEY'
        ? 'KEY'
        : c.constraint === 'HEADER' || c.constraint === 'HEADERS'
          ? 'HEADER'
          : 'VALUE';
    const col: Column = { name: c.name, type: c.type, namespace };
    if (c.headerKey !== undefined) col.headerKey = c.headerKey;
    checkHeaderColumnType(col);
    columns.push(col);
  }
  return columns;
}
