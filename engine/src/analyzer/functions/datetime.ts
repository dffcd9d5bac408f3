/** Date and time functions (ksqlDB's function reference, "Date and time functions"). */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { num } from './numbers.js';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Formats epoch millis with a (subset of) Java DateTimeFormatter pattern, UTC. */
export function formatTimestamp(ms: number, pattern: string): string {
  const d = new Date(ms);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    MM: pad(d.getUTCMonth() + 1),
    dd: pad(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
    SSS: pad(d.getUTCMilliseconds(), 3),
  };
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (pattern[i] === 'Z') {
      out += '+0000';
      i++;
      continue;
    }
    if (pattern[i] === 'X') {
      out += 'Z';
      i++;
      continue;
    }
    const key = ['yyyy', 'SSS', 'MM', 'dd', 'HH', 'mm', 'ss'].find((k) => pattern.startsWith(k, i));
    if (key !== undefined) {
      out += parts[key];
      i += key.length;
    } else {
      out += pattern[i];
      i++;
    }
  }
  return out;
}

export const datetimeFunctions: ScalarFunctionSpec[] = [
  scalar(
    'timestamptostring',
    'DATE / TIME',
    'Formats epoch milliseconds with a Java DateTimeFormatter pattern.',
    [
      {
        params: ['BIGINT epochMilli', 'STRING formatPattern'],
        returns: 'STRING',
        impl: ([ms, pattern]) => formatTimestamp(num(ms), pattern as string),
      },
    ],
  ),
  scalar('unix_timestamp', 'DATE / TIME', 'The current time, or a TIMESTAMP, as epoch milliseconds.', [
    { params: [], returns: 'BIGINT', impl: () => BigInt(Date.now()) },
  ]),
];
