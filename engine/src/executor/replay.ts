/**
 * Start-up replay of the command topic: every command runs again in order on the real metastore,
 * keeping its query id and sequence number, but the queries it starts are only collected; they are
 * started together once the metastore is final (each restores its state from its changelogs).
 * A command that fails is logged and skipped, as ksqlDB does.
 */
import type { DataSource } from '../analyzer/index.js';
import { parseStatements } from '../syntax/index.js';
import type { LoggedCommand } from './command-log.js';
import type { ExecContext } from './context.js';
import type { EngineCore } from './engine-core.js';
import type { QueryInfo } from './metastore.js';
import { runStatement } from './run-statement.js';

/** A persistent query a replayed command created, to start after replay. */
export interface QueryToStart {
  info: QueryInfo;
  sink: DataSource | undefined;
  props: Record<string, string>;
}

/** Re-runs the commands on `core`'s metastore; returns the queries to start. */
export async function replayCommands(core: EngineCore, commands: LoggedCommand[]): Promise<QueryToStart[]> {
  const toStart: QueryToStart[] = [];
  const replayCore = replayFacade(core, toStart);
  for (const { offset, key, command } of commands) {
    const ctx: ExecContext = {
      meta: core.meta,
      sandbox: false,
      props: command.streamsProperties ?? {},
      vars: new Map(),
      pendingTopics: new Set(),
      seq: offset,
      replay: command.queryId === undefined ? {} : { queryId: command.queryId },
    };
    try {
      const [parsed] = parseStatements(command.statement, undefined, core.meta.types);
      if (parsed === undefined) continue;
      const result = await runStatement(replayCore, ctx, parsed.statement, parsed.text);
      core.commandLog.record(result, parsed.statement, key);
    } catch (e) {
      core.logger.warn(
        { err: e, offset, statement: command.statement },
        'command failed during replay; skipped',
      );
    }
  }
  return toStart.filter((s) => core.meta.queries.has(s.info.id));
}

/** The engine as statements see it during replay: queries are collected, not started or stopped. */
function replayFacade(core: EngineCore, toStart: QueryToStart[]): EngineCore {
  const facade = Object.create(core) as EngineCore;
  facade.startQuery = async (info, sink, ctx) => {
    toStart.push({ info, sink, props: ctx.props });
  };
  facade.stopQuery = async () => undefined;
  return facade;
}
