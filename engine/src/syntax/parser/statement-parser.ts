/**
 * Statements: CREATE [OR REPLACE] [SOURCE] STREAM/TABLE (with columns or AS SELECT), INSERT
 * (VALUES or SELECT), DROP, TERMINATE, SHOW/LIST, DESCRIBE, SET/UNSET, DEFINE/UNDEFINE, EXPLAIN,
 * PRINT; column definitions and WITH properties.
 */
import type { ColumnDef, Expr, PropertyValue, SqlType, Statement } from '../ast.js';
import { QueryParser } from './query-parser.js';

/** The statement rules: the whole grammar. */
export class StatementParser extends QueryParser {
  parseStatement(): Statement {
    if (this.isKeyword('CREATE')) return this.parseCreate();
    if (this.isKeyword('INSERT')) return this.parseInsert();
    if (this.isKeyword('SELECT')) return { kind: 'query', query: this.parseSelect() };
    if (this.isKeyword('DROP')) return this.parseDrop();
    if (this.acceptKeyword('ALTER')) return this.parseAlter();
    if (this.acceptKeyword('TERMINATE')) {
      if (this.acceptKeyword('ALL')) return { kind: 'terminate', queryId: 'ALL' };
      return { kind: 'terminate', queryId: this.parseQueryId() };
    }
    if (this.isKeyword('SHOW') || this.isKeyword('LIST')) return this.parseShow();
    if (this.acceptKeyword('DESCRIBE')) return this.parseDescribe();
    if (this.acceptKeyword('SET')) {
      const property = this.parseStringLiteral();
      this.expectOp('=');
      return { kind: 'set', property, value: this.parseStringLiteral() };
    }
    if (this.acceptKeyword('UNSET')) return { kind: 'unset', property: this.parseStringLiteral() };
    if (this.acceptKeyword('DEFINE')) {
      const name = this.parseIdentifier();
      this.expectOp('=');
      return { kind: 'define', name, value: this.parseStringLiteral() };
    }
    if (this.acceptKeyword('UNDEFINE')) return { kind: 'undefine', name: this.parseIdentifier() };
    if (this.acceptKeyword('EXPLAIN')) {
      if (this.isKeyword('SELECT') || this.isKeyword('CREATE') || this.isKeyword('INSERT')) {
        return { kind: 'explain', statement: this.parseStatement() };
      }
      return { kind: 'explain', queryId: this.parseQueryId() };
    }
    if (this.acceptKeyword('PRINT')) {
      const t = this.next();
      while (!this.isOp(';') && !this.atEof()) this.next();
      return { kind: 'print', topic: t.kind === 'ident' ? t.raw : t.text };
    }
    if (this.acceptKeyword('ASSERT')) {
      this.acceptKeyword('NOT', 'EXISTS');
      if (!this.isKeyword('TOPIC') && !this.isKeyword('SCHEMA')) this.fail("'TOPIC' or 'SCHEMA'", true);
      this.syntaxError('ASSERT TOPIC and ASSERT SCHEMA are not supported by this engine');
    }
    const t = this.peek();
    if (t.kind === 'ident') this.syntaxError(`Unknown statement '${t.raw}'`);
    return this.fail('a statement');
  }

  private parseQueryId(): string {
    const t = this.next();
    if (t.kind === 'ident') return t.raw;
    if (t.kind === 'quoted' || t.kind === 'string') return t.text;
    return this.fail('a query id');
  }

  private parseCreate(): Statement {
    this.expectKeyword('CREATE');
    const orReplace = this.acceptKeyword('OR', 'REPLACE');
    if (!orReplace && this.acceptKeyword('TYPE')) {
      const ifNotExists = this.acceptKeyword('IF', 'NOT', 'EXISTS');
      const name = this.parseIdentifier();
      this.expectKeyword('AS');
      return { kind: 'createType', name, type: this.parseType(), ifNotExists };
    }
    const isSource = this.acceptKeyword('SOURCE');
    let sourceType: 'STREAM' | 'TABLE';
    if (this.acceptKeyword('STREAM')) sourceType = 'STREAM';
    else if (this.acceptKeyword('TABLE')) sourceType = 'TABLE';
    else return this.fail("'STREAM' or 'TABLE'");
    const ifNotExists = this.acceptKeyword('IF', 'NOT', 'EXISTS');
    const name = this.parseIdentifier();
    const columns: ColumnDef[] = [];
    if (this.acceptOp('(')) {
      do columns.push(this.parseColumnDef());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    const properties = this.acceptKeyword('WITH') ? this.parseProperties() : {};
    if (this.acceptKeyword('AS')) {
      const query = this.parseSelect();
      return { kind: 'createAs', sourceType, name, orReplace, ifNotExists, properties, query };
    }
    return { kind: 'createSource', sourceType, name, orReplace, isSource, ifNotExists, columns, properties };
  }

  parseColumnDef(): ColumnDef {
    const name = this.parseIdentifier();
    const type = this.parseType();
    if (this.acceptKeyword('PRIMARY', 'KEY')) return { name, type, constraint: 'PRIMARY KEY' };
    if (this.acceptKeyword('KEY')) return { name, type, constraint: 'KEY' };
    if (this.acceptKeyword('HEADERS')) return { name, type, constraint: 'HEADERS' };
    if (this.acceptKeyword('HEADER')) {
      this.expectOp('(');
      const headerKey = this.parseStringLiteral();
      this.expectOp(')');
      return { name, type, constraint: 'HEADER', headerKey };
    }
    return { name, type };
  }

  private parseProperties(): Record<string, PropertyValue> {
    this.expectOp('(');
    const props: Record<string, PropertyValue> = {};
    do {
      const t = this.next();
      const name = (t.kind === 'string' ? t.text : t.text).toUpperCase();
      this.expectOp('=');
      props[name] = this.parsePropertyValue();
    } while (this.acceptOp(','));
    this.expectOp(')');
    return props;
  }

  private parsePropertyValue(): PropertyValue {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'op' && t.text === '-' && this.peek().kind === 'number') return -Number(this.next().text);
    if (t.kind === 'ident' && (t.text === 'TRUE' || t.text === 'FALSE')) return t.text === 'TRUE';
    this.pos--;
    return this.fail('a literal');
  }

  private parseInsert(): Statement {
    this.expectKeyword('INSERT', 'INTO');
    const target = this.parseIdentifier();
    let columns: string[] | undefined;
    if (this.isOp('(')) {
      this.next();
      columns = [];
      do columns.push(this.parseIdentifier());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    if (this.acceptKeyword('VALUES')) {
      this.expectOp('(');
      const values: Expr[] = [];
      if (!this.isOp(')')) {
        do values.push(this.parseExpr());
        while (this.acceptOp(','));
      }
      this.expectOp(')');
      return columns === undefined
        ? { kind: 'insertValues', target, values }
        : { kind: 'insertValues', target, columns, values };
    }
    const properties = this.acceptKeyword('WITH') ? this.parseProperties() : {};
    return { kind: 'insertSelect', target, properties, query: this.parseSelect() };
  }

  /** ALTER STREAM|TABLE name ADD [COLUMN] col type [, ADD [COLUMN] col type …]. */
  private parseAlter(): Statement {
    let sourceType: 'STREAM' | 'TABLE';
    if (this.acceptKeyword('STREAM')) sourceType = 'STREAM';
    else if (this.acceptKeyword('TABLE')) sourceType = 'TABLE';
    else return this.fail("'STREAM' or 'TABLE'");
    const name = this.parseIdentifier();
    const add: { name: string; type: SqlType }[] = [];
    do {
      this.expectKeyword('ADD');
      this.acceptKeyword('COLUMN');
      const column = this.parseIdentifier();
      add.push({ name: column, type: this.parseType() });
    } while (this.acceptOp(','));
    return { kind: 'alterSource', sourceType, name, add };
  }

  private parseDrop(): Statement {
    this.expectKeyword('DROP');
    if (this.acceptKeyword('TYPE')) {
      const ifExists = this.acceptKeyword('IF', 'EXISTS');
      return { kind: 'dropType', name: this.parseIdentifier(), ifExists };
    }
    let sourceType: 'STREAM' | 'TABLE';
    if (this.acceptKeyword('STREAM')) sourceType = 'STREAM';
    else if (this.acceptKeyword('TABLE')) sourceType = 'TABLE';
    else return this.fail("'STREAM' or 'TABLE'");
    const ifExists = this.acceptKeyword('IF', 'EXISTS');
    const name = this.parseIdentifier();
    const deleteTopic = this.acceptKeyword('DELETE', 'TOPIC');
    return { kind: 'drop', sourceType, name, ifExists, deleteTopic };
  }

  private parseShow(): Statement {
    this.next();
    const all = this.acceptKeyword('ALL');
    const t = this.next();
    const what = t.text as Extract<Statement, { kind: 'show' }>['what'];
    if (
      !['STREAMS', 'TABLES', 'QUERIES', 'TOPICS', 'PROPERTIES', 'VARIABLES', 'FUNCTIONS', 'TYPES'].includes(
        what,
      )
    ) {
      this.pos--;
      return this.fail("'STREAMS', 'TABLES', 'QUERIES', 'TOPICS', 'PROPERTIES' or 'VARIABLES'");
    }
    return { kind: 'show', what, extended: this.acceptKeyword('EXTENDED'), all };
  }

  private parseDescribe(): Statement {
    if (this.acceptKeyword('FUNCTION')) return { kind: 'describeFunction', name: this.parseIdentifier() };
    if (
      (this.isKeyword('STREAMS') || this.isKeyword('TABLES')) &&
      (this.isOp(';', 1) || this.isKeyword('EXTENDED', 1))
    ) {
      const what = this.next().text as 'STREAMS' | 'TABLES';
      return { kind: 'show', what, extended: true, all: false };
    }
    const name = this.parseIdentifier();
    return { kind: 'describe', name, extended: this.acceptKeyword('EXTENDED') };
  }
}
