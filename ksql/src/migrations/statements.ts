import { MigrationError } from './errors.js';

/** How a migration statement is handled: SET/UNSET/DEFINE/UNDEFINE stay client-side. */
export type MigrationStatement =
  | { kind: 'set'; property: string; value: string; text: string }
  | { kind: 'unset'; property: string; text: string }
  | { kind: 'define'; name: string; value: string; text: string }
  | { kind: 'undefine'; name: string; text: string }
  | { kind: 'server'; text: string };

/** First tokens that a migration may not contain (ksql-migrations refuses them). */
const rejected = ['SELECT', 'DESCRIBE', 'EXPLAIN', 'PRINT', 'SHOW', 'LIST', 'RUN SCRIPT'];

const quoted = "'((?:[^']|'')*)'";
const setPattern = new RegExp(String.raw`^SET\s+${quoted}\s*=\s*${quoted}\s*;$`, 'is');
const unsetPattern = new RegExp(String.raw`^UNSET\s+${quoted}\s*;$`, 'is');
const definePattern = new RegExp(String.raw`^DEFINE\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*${quoted}\s*;$`, 'is');
const undefinePattern = /^UNDEFINE\s+([A-Za-z_][A-Za-z0-9_]*)\s*;$/is;

const unquote = (text: string): string => text.replaceAll("''", "'");

/**
 * Classifies one statement (text ending in `;`). Rejected kinds (SELECT, DESCRIBE, EXPLAIN, PRINT,
 * SHOW, LIST, RUN SCRIPT) throw; everything else that is not SET/UNSET/DEFINE/UNDEFINE is sent to
 * the server as written.
 */
export function classifyStatement(text: string): MigrationStatement {
  const head = text.trimStart().toUpperCase().replace(/\s+/g, ' ');
  const refused = rejected.find(
    (word) => head === word || head.startsWith(`${word} `) || head.startsWith(`${word};`),
  );
  if (refused) {
    throw new MigrationError(
      'MIGRATION_STATEMENT',
      `${refused} statements are not allowed in migration files`,
      {
        detail: text,
      },
    );
  }
  let m = setPattern.exec(text.trim());
  if (m) return { kind: 'set', property: unquote(m[1]!), value: unquote(m[2]!), text };
  m = unsetPattern.exec(text.trim());
  if (m) return { kind: 'unset', property: unquote(m[1]!), text };
  m = definePattern.exec(text.trim());
  if (m) return { kind: 'define', name: m[1]!.toLowerCase(), value: unquote(m[2]!), text };
  m = undefinePattern.exec(text.trim());
  if (m) return { kind: 'undefine', name: m[1]!.toLowerCase(), text };
  if (/^(SET|UNSET|DEFINE|UNDEFINE)\b/i.test(head)) {
    throw new MigrationError('MIGRATION_STATEMENT', `Cannot parse ${head.split(' ')[0]} statement`, {
      detail: text,
      hint: "Expected SET 'property'='value'; UNSET 'property'; DEFINE name = 'value'; or UNDEFINE name;",
    });
  }
  return { kind: 'server', text };
}
