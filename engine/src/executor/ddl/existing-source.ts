/** CREATE of a name that is taken: a warning with IF NOT EXISTS, ksqlDB's error otherwise. */
import { KsqlTypeError } from '../../analyzer/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import { entity } from '../entities.js';

/** undefined when `name` is free; the warning entity (IF NOT EXISTS) when taken; throws otherwise. */
export function alreadyExists(
  ctx: ExecContext,
  type: 'STREAM' | 'TABLE',
  name: string,
  text: string,
  ifNotExists: boolean,
): KsqlEntity | undefined {
  const existing = ctx.meta.sources.get(name);
  if (existing === undefined) return undefined;
  const kind = type.toLowerCase();
  const existingKind = existing.type.toLowerCase();
  if (ifNotExists) {
    return entity('warning_entity', text, {
      message: `Cannot add ${kind} \`${name}\`: A ${existingKind} with the same name already exists.`,
    });
  }
  throw new KsqlTypeError(
    `Cannot add ${kind} '${name}': A ${existingKind} with the same name already exists`,
  );
}
