/**
 * `${name}` substitution (ksqlDB's `ksql.variable.substitution.enable`): names are case-insensitive;
 * `$${x}` is an escape for a literal `${x}`. Unknown variables are left as they are.
 */
export function substituteVariables(sql: string, variables: ReadonlyMap<string, string>): string {
  return sql.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string) => {
    if (m.startsWith('$$')) return m.slice(1);
    const v = variables.get(name.toUpperCase());
    return v === undefined ? m : v;
  });
}
