/**
 * One /ksql statement, dispatched by kind: DDL and queries to `ddl/`, SHOW / DESCRIBE / EXPLAIN to
 * `admin.ts`, INSERT VALUES to `inserts.ts`, SET / DEFINE on the request's context. In a sandbox
 * the statement is validated only (the context says so).
 */
import { ErrorCodes, KsqlError } from '../errors.js';
import type { Statement } from '../syntax/index.js';
import { describe, explainQuery, show } from './admin.js';
import type { ExecContext } from './context.js';
import { alterSource } from './ddl/alter-source.js';
import { createAs } from './ddl/create-as-select.js';
import { createSource } from './ddl/create-source.js';
import { createType, dropType } from './ddl/custom-type.js';
import { drop } from './ddl/drop-source.js';
import { insertSelect } from './ddl/insert-select.js';
import { terminate } from './ddl/terminate-query.js';
import type { KsqlEntity } from './engine.js';
import type { EngineCore } from './engine-core.js';
import { entity } from './entities.js';
import { describeFunction } from './function-entities.js';
import { insertValuesRecord } from './inserts.js';

/** Executes (or, in a sandbox, validates) one statement; returns its entity, if any. */
export async function runStatement(
  core: EngineCore,
  ctx: ExecContext,
  s: Statement,
  text: string,
): Promise<KsqlEntity | undefined> {
  switch (s.kind) {
    case 'createSource':
      return createSource(core, ctx, s, text);
    case 'createAs':
      return createAs(core, ctx, s, text);
    case 'insertSelect':
      return insertSelect(core, ctx, s, text);
    case 'drop':
      return drop(core, ctx, s, text);
    case 'terminate':
      return terminate(core, ctx, s.queryId, text);
    case 'createType':
      return createType(ctx, s, text);
    case 'alterSource':
      return alterSource(ctx, s, text);
    case 'dropType':
      return dropType(ctx, s, text);
    case 'insertValues': {
      const record = insertValuesRecord(ctx.meta.sources.get(s.target), s.target, s.columns, s.values);
      if (!ctx.sandbox) await core.writeRecords(ctx.meta.sources.get(s.target)!.topic, [record]);
      return undefined;
    }
    case 'query':
    case 'print':
      throw new KsqlError(
        400,
        ErrorCodes.QUERY_ENDPOINT,
        `The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT`,
        {
          kind: 'statement',
          statementText: text,
        },
      );
    case 'show':
      return show(core, ctx, s, text);
    case 'describe':
      return describe(core, ctx, s.name, s.extended, text);
    case 'describeFunction':
      return describeFunction(text, s.name);
    case 'set':
      ctx.props[s.property] = s.value;
      return undefined;
    case 'unset':
      delete ctx.props[s.property];
      return undefined;
    case 'define':
      ctx.vars.set(s.name.toUpperCase(), s.value);
      return undefined;
    case 'undefine':
      if (!ctx.vars.delete(s.name.toUpperCase())) {
        return entity('warning_entity', text, {
          message: `Cannot undefine variable '${s.name}' which was never defined`,
        });
      }
      return undefined;
    case 'explain':
      return explainQuery(core, s.queryId, text);
  }
}
