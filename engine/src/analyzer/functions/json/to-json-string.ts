/**
 * TO_JSON_STRING: any SQL value as the JSON text ksqlDB's Jackson writer produces — DOUBLE as
 * Java prints it (`10.0`, `1.0E10`, NaN quoted), DECIMAL in plain notation with its scale, BYTES
 * as base64, DATE / TIME / TIMESTAMP as ksqlDB writes them (`2022-06-14`, `09:16:05` or
 * `09:16` in whole seconds, `2022-06-14T09:16:00.000`), STRUCT fields and MAP keys sorted by
 * name, nulls as `null`.
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

/** `HH:mm:ss` of a time of day in ms, the seconds dropped when zero if `short` (Java's LocalTime.toString). */
function timeOfDay(ms: number, short: boolean): string {
  const t = Math.floor((((ms % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  const hm = `${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}`;
  return short && t % 60 === 0 ? hm : `${hm}:${pad(t % 60)}`;
}

/** ksqlDB's TIME text: LocalTime.ofSecondOfDay(…).toString(), so whole seconds (`16:43:40`, `16:43`). */
function timeText(ms: number): string {
  return timeOfDay(ms, true);
}

/** ksqlDB's TIMESTAMP text: `yyyy-MM-dd'T'HH:mm:ss.SSS` in UTC. */
function timestampText(ms: number): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${isoDate(new Date(ms))}T${timeOfDay(ms, false)}.${pad(millis, 3)}`;
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
      return quoteJson(timeText(v as number));
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
