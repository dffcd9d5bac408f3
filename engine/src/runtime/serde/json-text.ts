/**
 * Typed JSON rendering: a SQL value + its type → JSON text, exactly as ksqlDB writes it.
 * `topic` mode is the JSON format in Kafka (temporal types as numbers); `rest` mode is the REST row
 * encoding (contract §1.9: temporal types as strings).
 */
import { Decimal, type SqlType, type Struct } from '../../analyzer/index.js';
import { javaDouble } from './java-double.js';
import { dateText, timestampText, timeText } from './temporal.js';

export type RenderMode = 'topic' | 'rest';

export function renderJson(v: unknown, t: SqlType, mode: RenderMode): string {
  if (v === null || v === undefined) return 'null';
  switch (t.kind) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'INTEGER':
      return String(typeof v === 'bigint' ? Number(v) : Math.trunc(v as number));
    case 'BIGINT':
      return typeof v === 'bigint' ? v.toString() : String(Math.trunc(Number(v)));
    case 'DOUBLE': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? javaDouble(n) : JSON.stringify(javaDouble(n));
    }
    case 'DECIMAL':
      return (v instanceof Decimal ? v : Decimal.parse(String(v))).withScale(t.scale).toString();
    case 'STRING':
      return JSON.stringify(String(v));
    case 'BYTES':
      return JSON.stringify((v as Buffer).toString('base64'));
    case 'TIMESTAMP':
      return mode === 'topic' ? String(v) : JSON.stringify(timestampText(v as number));
    case 'DATE':
      return mode === 'topic' ? String(v) : JSON.stringify(dateText(v as number));
    case 'TIME':
      return mode === 'topic' ? String(v) : JSON.stringify(timeText(v as number));
    case 'ARRAY':
      return `[${(v as unknown[]).map((x) => renderJson(x, t.item, mode)).join(',')}]`;
    case 'MAP': {
      const parts: string[] = [];
      for (const [k, x] of v as Map<unknown, unknown>)
        parts.push(`${JSON.stringify(String(k))}:${renderJson(x, t.value, mode)}`);
      return `{${parts.join(',')}}`;
    }
    case 'STRUCT': {
      const s = v as Struct;
      return `{${t.fields.map((f) => `${JSON.stringify(f.name)}:${renderJson(s[f.name] ?? null, f.type, mode)}`).join(',')}}`;
    }
  }
}

/** Renders a row of values as a JSON array (REST `QueryRow.json`). */
export function renderRow(values: unknown[], types: SqlType[], mode: RenderMode = 'rest'): string {
  return `[${values.map((v, i) => renderJson(v, types[i]!, mode)).join(',')}]`;
}
