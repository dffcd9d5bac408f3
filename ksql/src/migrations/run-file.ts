import type { KsqlClient, KsqlEntity } from '../client/types.js';
import { KsqlClientError } from '../errors.js';
import { MigrationError } from './errors.js';
import type { MigrationFile } from './files.js';
import { splitStatements } from './split.js';
import { classifyStatement, type MigrationStatement } from './statements.js';
import { substituteVariables, variableMap } from './variables.js';

/** A statement ready to run: the text as written, and its classification after substitution. */
export interface PreparedStatement {
  source: string;
  statement: MigrationStatement;
}

/**
 * Pass 1 of applying a file: split it, substitute `${variables}` (DEFINE/UNDEFINE take effect in
 * order, starting from `variables`; nothing carries over from other files) and classify every
 * statement, so that a bad statement fails before anything is sent.
 */
export function prepareFile(
  file: MigrationFile,
  text: string,
  variables: Record<string, string>,
): PreparedStatement[] {
  const vars = variableMap(variables);
  return splitStatements(text, file.fileName).map((source, index) => {
    try {
      const statement = classifyStatement(substituteVariables(source, vars));
      if (statement.kind === 'define') vars.set(statement.name, statement.value);
      if (statement.kind === 'undefine') vars.delete(statement.name);
      return { source, statement };
    } catch (error) {
      throw statementError(file, index, source, 'parse', error);
    }
  });
}

/**
 * Pass 2: runs the prepared statements in order. SET/UNSET properties are kept here and sent with
 * every later statement of the file; other statements go to /ksql one at a time. Stops at the
 * first failure with an error that names the file and the statement.
 */
export async function executeFile(
  client: KsqlClient,
  file: MigrationFile,
  prepared: PreparedStatement[],
): Promise<void> {
  const properties: Record<string, string> = {};
  let waitFor: number | undefined;
  for (const [index, { source, statement }] of prepared.entries()) {
    if (statement.kind === 'set') properties[statement.property] = statement.value;
    else if (statement.kind === 'unset') delete properties[statement.property];
    if (statement.kind !== 'server') continue;
    let entities: KsqlEntity[];
    try {
      entities = await client.execute(statement.text, {
        properties: { ...properties },
        ...(waitFor === undefined ? {} : { commandSequenceNumber: waitFor }),
      });
    } catch (error) {
      throw statementError(file, index, source, 'execute', error);
    }
    waitFor = undefined;
    for (const entity of entities) {
      const status = entity['commandStatus'] as { status?: string; message?: string } | undefined;
      if (status?.status === 'ERROR') {
        throw statementError(file, index, source, 'execute', new Error(status.message ?? 'command failed'));
      }
      // Not finished within the server's wait: make the next statement wait for it.
      if (status && status.status !== 'SUCCESS' && typeof entity['commandSequenceNumber'] === 'number') {
        waitFor = entity['commandSequenceNumber'];
      }
    }
  }
}

/** The error of statement `index` of `file`; `reason` is what goes to ERROR_REASON. */
export class StatementFailedError extends MigrationError {
  readonly reason: string;
  constructor(message: string, reason: string, cause: unknown) {
    super('MIGRATION_STATEMENT', message, { cause });
    this.reason = reason;
  }
}

function statementError(
  file: MigrationFile,
  index: number,
  source: string,
  phase: 'parse' | 'execute',
  error: unknown,
): StatementFailedError {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof KsqlClientError && error.errorCode ? ` (error_code ${error.errorCode})` : '';
  return new StatementFailedError(
    `${file.fileName}: statement ${index + 1} failed to ${phase}${code}: ${message}\n  ${source.replaceAll('\n', '\n  ')}`,
    `Failed to ${phase} sql: ${source}. Error: ${message}`,
    error,
  );
}
