/**
 * What a request carries besides its SQL, normalised: properties as strings, session variables by
 * upper-cased name, and one statement parsed after `${var}` substitution.
 */
import { statementError } from '../errors.js';
import {
  parseStatements,
  positionInRequest,
  SqlSyntaxError,
  type Statement,
  substituteVariables,
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
 * Parses exactly one statement, after substituting variables unless `substitute` is off;
 * a syntax error becomes a statement error carrying the substituted text, its position counted
 * from the start of the request when `at` says where the statement starts there.
 */
export function parseOne(
  text: string,
  vars: Map<string, string>,
  substitute: boolean,
  at?: { line: number; col: number },
): { statement: Statement; text: string } {
  const substituted = substitute ? substituteVariables(text, vars) : text;
  try {
    const parsed = parseStatements(substituted);
    if (parsed.length !== 1) throw new SqlSyntaxError('line 1:1: expected exactly one statement', 0);
    return parsed[0]!;
  } catch (e) {
    if (e instanceof SqlSyntaxError)
      throw statementError(at === undefined ? e.message : positionInRequest(e.message, at), substituted);
    throw e;
  }
}
