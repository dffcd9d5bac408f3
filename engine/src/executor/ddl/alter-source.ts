/**
 * ALTER STREAM|TABLE name ADD [COLUMN] col type, …: adds value columns to a stream or table made
 * by CREATE STREAM/TABLE (not by … AS SELECT, whose schema its query defines, and not a SOURCE
 * one). Queries already running keep the schema they started with; later ones see the new
 * columns. The value format must still carry the value columns.
 */
import { type Column, KsqlTypeError } from '../../analyzer/index.js';
import type { Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import { currentStatus } from '../entities.js';
import { valueFormatCheck } from './value-format.js';

type Alter = Extract<Statement, { kind: 'alterSource' }>;

const RESERVED = ['ROWTIME', 'ROWPARTITION', 'ROWOFFSET', 'WINDOWSTART', 'WINDOWEND'];

/** Replaces the source with one that has the added columns (validated only in the sandbox). */
export function alterSource(ctx: ExecContext, s: Alter, text: string): KsqlEntity {
  const src = ctx.meta.sources.get(s.name);
  const kind = s.sourceType === 'STREAM' ? 'Stream' : 'Table';
  if (src === undefined) throw new KsqlTypeError(`Source ${s.name} does not exist.`);
  if (src.type !== s.sourceType)
    throw new KsqlTypeError(
      `Incompatible data source type is ${src.type}, but statement was ALTER ${s.sourceType}`,
    );
  if (src.isSource)
    throw new KsqlTypeError(
      `Cannot alter ${s.sourceType.toLowerCase()} '${s.name}': ALTER operations are not supported on source ${s.sourceType.toLowerCase()}s.`,
    );
  if (ctx.meta.writersOf(s.name).some((q) => q.kind !== 'INSERT'))
    throw new KsqlTypeError('ALTER command is not supported for CREATE ... AS statements.');
  const columns: Column[] = [...src.columns];
  for (const c of s.add) {
    if (RESERVED.includes(c.name))
      throw new KsqlTypeError(
        `'${c.name}' is a reserved column name. You cannot use it as a name for a column.`,
      );
    if (columns.some((x) => x.name === c.name))
      throw new KsqlTypeError(
        `Cannot add column \`${c.name}\` to schema. A column with the same name already exists.`,
      );
    columns.push({ name: c.name, type: c.type, namespace: 'VALUE' });
  }
  valueFormatCheck(
    src.valueFormat,
    columns.filter((c) => c.namespace === 'VALUE'),
  );
  ctx.meta.sources.set(s.name, { ...src, columns });
  return currentStatus(
    text,
    `${s.sourceType.toLowerCase()}/\`${s.name}\`/alter`,
    `${kind} altered`,
    null,
    ctx.seq,
  );
}
