import { MigrationError } from './errors.js';

/**
 * Replaces `${name}` with the variable's value (names are case-insensitive, as in ksqlDB) and the
 * escape `$${name}` with a literal `${name}`. An undefined variable is an error naming it.
 */
export function substituteVariables(statement: string, variables: ReadonlyMap<string, string>): string {
  return statement.replace(/(\$?)\$\{([^}]*)\}/g, (whole, escapeMark: string, name: string) => {
    if (escapeMark === '$') return whole.slice(1);
    const value = variables.get(name.trim().toLowerCase());
    if (value === undefined) {
      throw new MigrationError('MIGRATION_STATEMENT', `Variable '${name}' is not defined`, {
        hint: 'DEFINE it earlier in the file or pass -d name=value',
      });
    }
    return value;
  });
}

/** Variables from `-d name=value` options (or any record), keyed by lower-case name. */
export function variableMap(values: Record<string, string> = {}): Map<string, string> {
  return new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Parses one `-d name=value` option. */
export function parseDefine(option: string): [string, string] {
  const eq = option.indexOf('=');
  if (eq <= 0) {
    throw new MigrationError('MIGRATION_CONFIG', `Expected -d name=value, found '${option}'`);
  }
  return [option.slice(0, eq).trim(), option.slice(eq + 1)];
}
