/**
 * What a request carries besides its SQL, normalised: properties as strings, session variables by
 * upper-cased name, and one statement parsed after `${var}` substitution.
 */
import { statementError } from '../errors.js';
import {
  parseStatements,
  positionIn,
  SqlSyntaxError,
  type SqlType,
  type Statement,
  substituteVariables,
  type TextOrigin,
} from '../syntax/index.js';

/** Request properties with every value as a string (`streamsProperties`, `properties`). */
export function toStringProps(p: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = String(v);
  return out;
}

/** Session variables (`sessionVariables`) by upper-cased name, as DEFINE stores them. */
export function toVars(p: Record<string, unknown> | undefined): Map<string, string> {
  return new Map(Object.entries(p ?? {}).map(([k, v]) => [k.toUpperCase(), String(v)]));
}

/**
 * Parses exactly one statement (type names may be the custom `types`), after substituting variables unless `substitute` is off;
 * a syntax error becomes a statement error carrying the substituted text, its position counted
 * from the start of the request when `at` says where the statement starts there.
 */
export function parseOne(
  text: string,
  vars: Map<string, string>,
  substitute: boolean,
  at?: TextOrigin,
  types?: ReadonlyMap<string, SqlType>,
): { statement: Statement; text: string } {
  const substituted = substitute ? substituteVariables(text, vars) : text;
  try {
    const parsed = parseStatements(substituted, at, types);
    if (parsed.length !== 1) {
      const { line, col } = positionIn(substituted, 0, at);
      throw new SqlSyntaxError(`line ${line}:${col + 1}: expected exactly one statement`, 0);
    }
    return parsed[0]!;
  } catch (e) {
    if (e instanceof SqlSyntaxError) throw statementError(e.message, substituted);
    throw e;
  }
}
