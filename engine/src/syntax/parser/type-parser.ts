/** Types: `INT`, `DECIMAL(p, s)`, `ARRAY<T>`, `MAP<K, V>`, `STRUCT<A T, …>`, custom type names. */
import type { SqlType } from '../ast.js';
import { TokenCursor } from './token-cursor.js';

/** The type rule, below expressions (CAST) and column definitions. */
export class TypeParser extends TokenCursor {
  parseType(): SqlType {
    const t = this.peek();
    if (t.kind !== 'ident') return this.fail('a type');
    this.pos++;
    switch (t.text) {
      case 'BOOLEAN':
        return { kind: 'BOOLEAN' };
      case 'INT':
      case 'INTEGER':
        return { kind: 'INTEGER' };
      case 'BIGINT':
        return { kind: 'BIGINT' };
      case 'DOUBLE':
        return { kind: 'DOUBLE' };
      case 'STRING':
      case 'VARCHAR':
        return { kind: 'STRING' };
      case 'BYTES':
        return { kind: 'BYTES' };
      case 'TIMESTAMP':
        return { kind: 'TIMESTAMP' };
      case 'DATE':
        return { kind: 'DATE' };
      case 'TIME':
        return { kind: 'TIME' };
      case 'DECIMAL': {
        this.expectOp('(');
        const precision = Number(this.next().text);
        this.expectOp(',');
        const scale = Number(this.next().text);
        this.expectOp(')');
        return { kind: 'DECIMAL', precision, scale };
      }
      case 'ARRAY': {
        this.expectOp('<');
        const item = this.parseType();
        this.expectOp('>');
        return { kind: 'ARRAY', item };
      }
      case 'MAP': {
        this.expectOp('<');
        const key = this.parseType();
        this.expectOp(',');
        const value = this.parseType();
        this.expectOp('>');
        return { kind: 'MAP', key, value };
      }
      case 'STRUCT': {
        this.expectOp('<');
        const fields: { name: string; type: SqlType }[] = [];
        if (!this.isOp('>')) {
          do {
            const name = this.parseIdentifier();
            fields.push({ name, type: this.parseType() });
          } while (this.acceptOp(','));
        }
        this.expectOp('>');
        return { kind: 'STRUCT', fields };
      }
      default: {
        const custom = this.types.get(t.text);
        if (custom !== undefined) return custom;
        this.pos--;
        return this.fail('a type');
      }
    }
  }
}
