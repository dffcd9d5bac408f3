/**
 * CREATE TYPE [IF NOT EXISTS] name AS type / DROP TYPE [IF EXISTS] name: custom types, an alias
 * for a type that later statements may name in column definitions and CASTs (the parser resolves
 * the name, so a source keeps the type itself, not the alias). A name may be registered once.
 */
import { KsqlTypeError } from '../../analyzer/index.js';
import { printType, type Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import { currentStatus } from '../entities.js';

type CreateType = Extract<Statement, { kind: 'createType' }>;
type DropType = Extract<Statement, { kind: 'dropType' }>;

/** Registers a custom type (validated only in the sandbox, whose metastore is a copy). */
export function createType(ctx: ExecContext, s: CreateType, text: string): KsqlEntity {
  const commandId = `type/${s.name}/create`;
  const existing = ctx.meta.types.get(s.name);
  if (existing !== undefined) {
    if (s.ifNotExists)
      return currentStatus(text, commandId, `Type '${s.name}' already exists.`, null, ctx.seq);
    throw new KsqlTypeError(
      `Cannot register custom type '${s.name}' since it is already registered with type: ${printType(existing)}`,
    );
  }
  ctx.meta.types.set(s.name, s.type);
  return currentStatus(
    text,
    commandId,
    `Registered custom type with name '${s.name}' and SQL type ${printType(s.type)}`,
    null,
    ctx.seq,
  );
}

/** Drops a custom type; the sources declared with it keep their columns' types. */
export function dropType(ctx: ExecContext, s: DropType, text: string): KsqlEntity {
  const commandId = `type/${s.name}/drop`;
  if (!ctx.meta.types.delete(s.name)) {
    if (s.ifExists) return currentStatus(text, commandId, `Type '${s.name}' does not exist.`, null, ctx.seq);
    throw new KsqlTypeError(`Type ${s.name} does not exist.`);
  }
  return currentStatus(text, commandId, `Dropped type '${s.name}'`, null, ctx.seq);
}
