/**
 * The AST: discriminated unions on `kind`. Names are stored as ksqlDB stores them (unquoted
 * identifiers upper-cased, quoted ones verbatim); `quoted` remembers how they were written so the
 * printer can round-trip them.
 */

/** A SQL type as written (and as the analyzer uses it). */
export type SqlType =
  | { kind: 'BOOLEAN' }
  | { kind: 'INTEGER' }
  | { kind: 'BIGINT' }
  | { kind: 'DOUBLE' }
  | { kind: 'STRING' }
  | { kind: 'BYTES' }
  | { kind: 'TIMESTAMP' }
  | { kind: 'DATE' }
  | { kind: 'TIME' }
  | { kind: 'DECIMAL'; precision: number; scale: number }
  | { kind: 'ARRAY'; item: SqlType }
  | { kind: 'MAP'; key: SqlType; value: SqlType }
  | { kind: 'STRUCT'; fields: StructField[] };

export interface StructField {
  name: string;
  type: SqlType;
}

export type Literal =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'integer' | 'decimal' | 'double'; value: string }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null' };

export type Expr =
  | Literal
  | { kind: 'column'; source?: string; name: string }
  | { kind: 'deref'; base: Expr; field: string }
  | { kind: 'subscript'; base: Expr; index: Expr }
  | { kind: 'call'; name: string; args: Expr[]; star?: boolean; distinct?: boolean }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'unary'; op: '-' | '+' | 'NOT'; operand: Expr }
  | { kind: 'isNull'; operand: Expr; negated: boolean }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean }
  | { kind: 'like'; operand: Expr; pattern: Expr; negated: boolean; escape?: string }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean }
  | { kind: 'distinctFrom'; left: Expr; right: Expr; negated: boolean }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; result: Expr }[]; else?: Expr }
  | { kind: 'cast'; operand: Expr; type: SqlType }
  | { kind: 'struct'; fields: { name: string; value: Expr }[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'map'; entries: { key: Expr; value: Expr }[] }
  | { kind: 'lambda'; params: string[]; body: Expr };

export type BinaryOp =
  | 'AND'
  | 'OR'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||';

export type SelectItem = { kind: 'all'; source?: string } | { kind: 'expr'; expr: Expr; alias?: string };

export interface WindowSpec {
  type: 'TUMBLING' | 'HOPPING' | 'SESSION';
  /** Window size (gap for SESSION), ms. */
  size: number;
  advance?: number;
  retention?: number;
  grace?: number;
}

export interface Relation {
  name: string;
  alias?: string;
}

export interface Join {
  type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  right: Relation;
  within?: { before: number; after: number; grace?: number };
  on: Expr;
}

export interface Select {
  kind: 'select';
  items: SelectItem[];
  from: Relation;
  joins: Join[];
  window?: WindowSpec;
  where?: Expr;
  groupBy?: Expr[];
  partitionBy?: Expr[];
  having?: Expr;
  emit?: 'CHANGES' | 'FINAL';
  limit?: number;
}

export interface ColumnDef {
  name: string;
  type: SqlType;
  constraint?: 'KEY' | 'PRIMARY KEY' | 'HEADERS' | 'HEADER';
  headerKey?: string;
}

/** WITH property value: a literal (strings keep their text; numbers their lexeme). */
export type PropertyValue = string | number | boolean;

export type Statement =
  | {
      kind: 'createSource';
      sourceType: 'STREAM' | 'TABLE';
      name: string;
      orReplace: boolean;
      isSource: boolean;
      ifNotExists: boolean;
      columns: ColumnDef[];
      properties: Record<string, PropertyValue>;
    }
  | {
      kind: 'createAs';
      sourceType: 'STREAM' | 'TABLE';
      name: string;
      orReplace: boolean;
      ifNotExists: boolean;
      properties: Record<string, PropertyValue>;
      query: Select;
    }
  | { kind: 'insertSelect'; target: string; properties: Record<string, PropertyValue>; query: Select }
  | { kind: 'insertValues'; target: string; columns?: string[]; values: Expr[] }
  | { kind: 'query'; query: Select }
  | { kind: 'drop'; sourceType: 'STREAM' | 'TABLE'; name: string; ifExists: boolean; deleteTopic: boolean }
  | { kind: 'createType'; name: string; type: SqlType; ifNotExists: boolean }
  | {
      kind: 'alterSource';
      sourceType: 'STREAM' | 'TABLE';
      name: string;
      add: { name: string; type: SqlType }[];
    }
  | { kind: 'dropType'; name: string; ifExists: boolean }
  | { kind: 'terminate'; queryId: string | 'ALL' }
  | {
      kind: 'show';
      what: 'STREAMS' | 'TABLES' | 'QUERIES' | 'TOPICS' | 'PROPERTIES' | 'VARIABLES' | 'FUNCTIONS' | 'TYPES';
      extended: boolean;
      all: boolean;
    }
  | { kind: 'describe'; name: string; extended: boolean }
  | { kind: 'describeFunction'; name: string }
  | { kind: 'set'; property: string; value: string }
  | { kind: 'unset'; property: string }
  | { kind: 'define'; name: string; value: string }
  | { kind: 'undefine'; name: string }
  | { kind: 'explain'; queryId?: string; statement?: Statement }
  | { kind: 'print'; topic: string };

/** A parsed statement with the text it came from (up to and including its `;`). */
export interface ParsedStatement {
  statement: Statement;
  text: string;
}
