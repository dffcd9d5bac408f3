/**
 * The printer: AST → SQL text. `printExpr` is also the canonical form the analyzer uses to match a
 * projection expression against a GROUP BY expression. Identifiers are back-quoted when needed.
 */
import type { Expr, Select, SelectItem, SqlType, Statement, WindowSpec } from './ast.js';

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'WINDOW',
  'EMIT',
  'LIMIT',
  'AS',
  'AND',
  'OR',
  'NOT',
  'NULL',
  'TRUE',
  'FALSE',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'IS',
  'IN',
  'LIKE',
  'BETWEEN',
  'CAST',
  'STRUCT',
  'ARRAY',
  'MAP',
  'JOIN',
  'ON',
  'PARTITION',
  'CREATE',
  'TABLE',
  'STREAM',
  'INSERT',
  'INTO',
  'VALUES',
  'WITH',
  'DROP',
  'KEY',
  'PRIMARY',
  'SIZE',
  'INTEGER',
  'DATE',
  'TIME',
  'TIMESTAMP',
]);

/** An identifier as SQL: bare when it reads back the same, else back-quoted. */
export function printIdentifier(name: string): string {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && !KEYWORDS.has(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** ksqlDB's type spelling (`INTEGER`, ``STRUCT<`F` STRING>``, `DECIMAL(4, 2)`). */
export function printType(t: SqlType): string {
  switch (t.kind) {
    case 'DECIMAL':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'ARRAY':
      return `ARRAY<${printType(t.item)}>`;
    case 'MAP':
      return `MAP<${printType(t.key)}, ${printType(t.value)}>`;
    case 'STRUCT':
      return `STRUCT<${t.fields.map((f) => `\`${f.name}\` ${printType(f.type)}`).join(', ')}>`;
    default:
      return t.kind;
  }
}

function str(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Prints an expression (fully parenthesised where precedence could be ambiguous). */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      if (e.type === 'null') return 'null';
      if (e.type === 'string') return str(e.value);
      if (e.type === 'boolean') return e.value ? 'true' : 'false';
      return e.value;
    case 'column':
      return e.source === undefined
        ? printIdentifier(e.name)
        : `${printIdentifier(e.source)}.${printIdentifier(e.name)}`;
    case 'deref':
      return `${printExpr(e.base)}->${printIdentifier(e.field)}`;
    case 'subscript':
      return `${printExpr(e.base)}[${printExpr(e.index)}]`;
    case 'call':
      if (e.star) return `${e.name}(*)`;
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(printExpr).join(', ')})`;
    case 'binary':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'unary':
      return e.op === 'NOT' ? `(NOT ${printExpr(e.operand)})` : `${e.op}${printExpr(e.operand)}`;
    case 'isNull':
      return `(${printExpr(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between':
      return `(${printExpr(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${printExpr(e.low)} AND ${printExpr(e.high)})`;
    case 'like':
      return `(${printExpr(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${printExpr(e.pattern)}${e.escape === undefined ? '' : ` ESCAPE ${str(e.escape)}`})`;
    case 'in':
      return `(${printExpr(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(printExpr).join(', ')}))`;
    case 'distinctFrom':
      return `(${printExpr(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${printExpr(e.right)})`;
    case 'case': {
      const parts = ['CASE'];
      if (e.operand !== undefined) parts.push(printExpr(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when)} THEN ${printExpr(w.result)}`);
      if (e.else !== undefined) parts.push(`ELSE ${printExpr(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'cast':
      return `CAST(${printExpr(e.operand)} AS ${printType(e.type)})`;
    case 'struct':
      return `STRUCT(${e.fields.map((f) => `${printIdentifier(f.name)}:=${printExpr(f.value)}`).join(', ')})`;
    case 'array':
      return `ARRAY[${e.items.map(printExpr).join(', ')}]`;
    case 'map':
      return `MAP(${e.entries.map((en) => `${printExpr(en.key)}:=${printExpr(en.value)}`).join(', ')})`;
    case 'lambda':
      return `(${e.params.map(printIdentifier).join(', ')}) => ${printExpr(e.body)}`;
  }
}

function printDuration(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000} DAYS`;
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000} HOURS`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000} MINUTES`;
  if (ms % 1000 === 0 && ms > 0) return `${ms / 1000} SECONDS`;
  return `${ms} MILLISECONDS`;
}

function printWindow(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.type === 'SESSION') parts.push(printDuration(w.size));
  else parts.push(`SIZE ${printDuration(w.size)}`);
  if (w.advance !== undefined) parts.push(`ADVANCE BY ${printDuration(w.advance)}`);
  if (w.retention !== undefined) parts.push(`RETENTION ${printDuration(w.retention)}`);
  if (w.grace !== undefined) parts.push(`GRACE PERIOD ${printDuration(w.grace)}`);
  return `${w.type} (${parts.join(', ')})`;
}

function printItem(i: SelectItem): string {
  if (i.kind === 'all') return i.source === undefined ? '*' : `${printIdentifier(i.source)}.*`;
  return i.alias === undefined ? printExpr(i.expr) : `${printExpr(i.expr)} ${printIdentifier(i.alias)}`;
}

/** Prints a SELECT in ksqlDB's multi-line style. */
export function printSelect(s: Select): string {
  const lines = [`SELECT ${s.items.map(printItem).join(', ')}`];
  lines.push(
    `FROM ${printIdentifier(s.from.name)}${s.from.alias === undefined ? '' : ` ${printIdentifier(s.from.alias)}`}`,
  );
  for (const j of s.joins) {
    const within =
      j.within === undefined
        ? ''
        : ` WITHIN (${printDuration(j.within.before)}, ${printDuration(j.within.after)})`;
    lines.push(
      `${j.type} JOIN ${printIdentifier(j.right.name)}${j.right.alias === undefined ? '' : ` ${printIdentifier(j.right.alias)}`}${within} ON ${printExpr(j.on)}`,
    );
  }
  if (s.window !== undefined) lines.push(`WINDOW ${printWindow(s.window)}`);
  if (s.where !== undefined) lines.push(`WHERE ${printExpr(s.where)}`);
  if (s.groupBy !== undefined) lines.push(`GROUP BY ${s.groupBy.map(printExpr).join(', ')}`);
  if (s.partitionBy !== undefined) lines.push(`PARTITION BY ${s.partitionBy.map(printExpr).join(', ')}`);
  if (s.having !== undefined) lines.push(`HAVING ${printExpr(s.having)}`);
  if (s.emit !== undefined) lines.push(`EMIT ${s.emit}`);
  if (s.limit !== undefined) lines.push(`LIMIT ${s.limit}`);
  return lines.join('\n');
}

function printProps(p: Record<string, string | number | boolean>): string {
  const entries = Object.entries(p);
  if (entries.length === 0) return '';
  return ` WITH (${entries.map(([k, v]) => `${k}=${typeof v === 'string' ? str(v) : String(v)}`).join(', ')})`;
}

/** Prints a statement (without the trailing `;`). */
export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'createSource': {
      const cols = s.columns.map(
        (c) =>
          `${printIdentifier(c.name)} ${printType(c.type)}${c.constraint === undefined ? '' : c.constraint === 'HEADER' ? ` HEADER(${str(c.headerKey ?? '')})` : ` ${c.constraint}`}`,
      );
      return `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}${s.isSource ? 'SOURCE ' : ''}${s.sourceType} ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printIdentifier(s.name)}${cols.length ? ` (${cols.join(', ')})` : ''}${printProps(s.properties)}`;
    }
    case 'createAs':
      return `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}${s.sourceType} ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printIdentifier(s.name)}${printProps(s.properties)} AS ${printSelect(s.query)}`;
    case 'insertSelect':
      return `INSERT INTO ${printIdentifier(s.target)}${printProps(s.properties)} ${printSelect(s.query)}`;
    case 'insertValues':
      return `INSERT INTO ${printIdentifier(s.target)}${s.columns === undefined ? '' : ` (${s.columns.map(printIdentifier).join(', ')})`} VALUES (${s.values.map(printExpr).join(', ')})`;
    case 'query':
      return printSelect(s.query);
    case 'drop':
      return `DROP ${s.sourceType} ${s.ifExists ? 'IF EXISTS ' : ''}${printIdentifier(s.name)}${s.deleteTopic ? ' DELETE TOPIC' : ''}`;
    case 'terminate':
      return `TERMINATE ${s.queryId}`;
    case 'createType':
      return `CREATE TYPE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printIdentifier(s.name)} AS ${printType(s.type)}`;
    case 'alterSource':
      return `ALTER ${s.sourceType} ${printIdentifier(s.name)} ${s.add.map((c) => `ADD COLUMN ${printIdentifier(c.name)} ${printType(c.type)}`).join(', ')}`;
    case 'dropType':
      return `DROP TYPE ${s.ifExists ? 'IF EXISTS ' : ''}${printIdentifier(s.name)}`;
    case 'show':
      return `SHOW ${s.all ? 'ALL ' : ''}${s.what}${s.extended ? ' EXTENDED' : ''}`;
    case 'describe':
      return `DESCRIBE ${printIdentifier(s.name)}${s.extended ? ' EXTENDED' : ''}`;
    case 'describeFunction':
      return `DESCRIBE FUNCTION ${s.name}`;
    case 'set':
      return `SET ${str(s.property)}=${str(s.value)}`;
    case 'unset':
      return `UNSET ${str(s.property)}`;
    case 'define':
      return `DEFINE ${printIdentifier(s.name)}=${str(s.value)}`;
    case 'undefine':
      return `UNDEFINE ${printIdentifier(s.name)}`;
    case 'explain':
      return s.queryId !== undefined ? `EXPLAIN ${s.queryId}` : `EXPLAIN ${printStatement(s.statement!)}`;
    case 'print':
      return `PRINT ${s.topic}`;
  }
}
