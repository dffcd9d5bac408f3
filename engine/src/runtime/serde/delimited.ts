/** DELIMITED (CSV) lines: RFC-4180 quoting, empty field = null. */
export function parseCsvLine(line: string, delimiter = ','): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += line[i++];
      }
      out.push(s);
      const d = line.indexOf(delimiter, i);
      if (d < 0) return out;
      i = d + delimiter.length;
    } else {
      const d = line.indexOf(delimiter, i);
      const field = d < 0 ? line.slice(i) : line.slice(i, d);
      out.push(field === '' ? null : field);
      if (d < 0) return out;
      i = d + delimiter.length;
    }
  }
}

/** Letters and digits of ASCII: the only first characters Commons CSV leaves unquoted at a record's start. */
function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * One field as ksqlDB's DELIMITED serializer writes it (Apache Commons CSV, QuoteMode.MINIMAL, the
 * version ksqlDB ships): null is an empty field; a value is quoted, its quotes doubled, when it holds
 * the delimiter, a quote, CR or LF, starts with a character up to '#' or ends with one up to a space —
 * and, in a record's first field only, when it is empty or starts with anything but an ASCII letter or
 * digit (so a key -1 is written "-1").
 */
export function csvField(s: string | null, delimiter = ',', first = false): string {
  if (s === null) return '';
  let quote: boolean;
  if (s.length === 0) quote = first;
  else {
    const c = s.charCodeAt(0);
    quote =
      (first && !isAsciiAlphanumeric(c)) ||
      c <= 0x23 ||
      s.includes(delimiter) ||
      s.includes('"') ||
      s.includes('\n') ||
      s.includes('\r') ||
      s.charCodeAt(s.length - 1) <= 0x20;
  }
  return quote ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A record's fields as one DELIMITED line (see `csvField`). */
export function csvLine(fields: (string | null)[], delimiter = ','): string {
  return fields.map((f, i) => csvField(f, delimiter, i === 0)).join(delimiter);
}
