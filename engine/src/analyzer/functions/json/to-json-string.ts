/**
 * TO_JSON_STRING: any SQL value as the JSON text ksqlDB's Jackson writer produces — DOUBLE as
 * Java prints it (`10.0`, `1.0E10`, NaN quoted), DECIMAL in plain notation with its scale, BYTES
 * as base64, DATE / TIME / TIMESTAMP as ISO text (`2022-06-14`, `09:16:00`,
 * `2022-06-14T09:16:00.000`), STRUCT fields and MAP keys sorted by name, nulls as `null`.
 */
import { javaDouble } from '../../java-double.js';
import type { SqlType } from '../../types.js';
import type { Decimal } from '../../values.js';
import { quoteJson } from './json-node.js';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y > 9999 ? `+${y}` : y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO_LOCAL_TIME: seconds always, a fraction only when non-zero (trailing zeros dropped). */
function isoTime(ms: number): string {
  const t = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  const frac = t % 1000;
  const base = `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}`;
  return frac === 0 ? base : `${base}.${pad(frac, 3).replace(/0+$/, '')}`;
}

function timestampText(ms: number): string {
  const d = new Date(ms);
  const t = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  return `${isoDate(d)}T${isoTime(t - (t % 1000))}.${pad(t % 1000, 3)}`;
}

function sortedEntries(entries: [string, unknown][]): [string, unknown][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The JSON text of `v`, a value of type `t`. */
export function toJsonString(v: unknown, t: SqlType): string {
  if (v === null || v === undefined) return 'null';
  switch (t.kind) {
    case 'DOUBLE': {
      const d = v as number;
      return Number.isFinite(d) ? javaDouble(d) : quoteJson(javaDouble(d));
    }
    case 'DECIMAL':
      return (v as Decimal).toString();
    case 'STRING':
      return quoteJson(v as string);
    case 'BYTES':
      return quoteJson((v as Buffer).toString('base64'));
    case 'DATE':
      return quoteJson(isoDate(new Date((v as number) * DAY_MS)));
    case 'TIME':
      return quoteJson(isoTime(v as number));
    case 'TIMESTAMP':
      return quoteJson(timestampText(v as number));
    case 'ARRAY':
      return `[${(v as unknown[]).map((x) => toJsonString(x, t.item)).join(',')}]`;
    case 'MAP': {
      const entries = sortedEntries([...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), x]));
      return `{${entries.map(([k, x]) => `${quoteJson(k)}:${toJsonString(x, t.value)}`).join(',')}}`;
    }
    case 'STRUCT': {
      const s = v as Record<string, unknown>;
      const fields = sortedEntries(t.fields.map((f) => [f.name, f]));
      return `{${fields
        .map(
          ([name, f]) => `${quoteJson(name)}:${toJsonString(s[name] ?? null, (f as { type: SqlType }).type)}`,
        )
        .join(',')}}`;
    }
    default:
      return String(v);
  }
}
