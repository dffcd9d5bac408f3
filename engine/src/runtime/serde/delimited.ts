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

export function csvField(s: string | null, delimiter = ','): string {
  if (s === null) return '';
  return s.includes(delimiter) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s;
}
