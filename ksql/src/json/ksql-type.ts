/**
 * ksqlDB type spellings (`BIGINT`, `DECIMAL(4, 2)`, ``STRUCT<`A` ARRAY<INTEGER>>``) parsed into a
 * tree, so that values can be decoded per type (lossless BIGINT, DECIMAL kept as text).
 */
export type KsqlType =
  | { kind: 'ARRAY'; element: KsqlType }
  | { kind: 'MAP'; key: KsqlType; value: KsqlType }
  | { kind: 'STRUCT'; fields: { name: string; type: KsqlType }[] }
  | { kind: 'DECIMAL'; precision: number; scale: number }
  | { kind: 'SCALAR'; name: string };

/** Parses one type spelling; unknown spellings become a `SCALAR` of that name (never throws). */
export function parseKsqlType(text: string): KsqlType {
  const t = text.trim();
  const upper = t.toUpperCase();
  const inner = (prefix: string, open: string, close: string): string | undefined =>
    upper.startsWith(prefix) && t.endsWith(close) ? t.slice(t.indexOf(open) + 1, -1) : undefined;
  const array = inner('ARRAY', '<', '>');
  if (array !== undefined) return { kind: 'ARRAY', element: parseKsqlType(array) };
  const map = inner('MAP', '<', '>');
  if (map !== undefined) {
    const [key = 'STRING', value = 'STRING'] = splitTopLevel(map);
    return { kind: 'MAP', key: parseKsqlType(key), value: parseKsqlType(value) };
  }
  const struct = inner('STRUCT', '<', '>');
  if (struct !== undefined) {
    return {
      kind: 'STRUCT',
      fields: splitTopLevel(struct).map((field) => {
        const { name, type } = parseNamedType(field);
        return { name, type };
      }),
    };
  }
  const decimal = inner('DECIMAL', '(', ')');
  if (decimal !== undefined) {
    const [precision = '0', scale = '0'] = decimal.split(',');
    return { kind: 'DECIMAL', precision: Number(precision), scale: Number(scale) };
  }
  return { kind: 'SCALAR', name: upper === 'INT' ? 'INTEGER' : upper === 'VARCHAR' ? 'STRING' : upper };
}

/** A column as written in a v1 header schema: `` `NAME` TYPE[ KEY] ``. */
export interface NamedType {
  name: string;
  type: KsqlType;
  typeText: string;
  key: boolean;
}

/** Parses `` `NAME` TYPE `` or `NAME TYPE` (optionally followed by ` KEY`). */
export function parseNamedType(text: string): NamedType {
  const t = text.trim();
  let name: string;
  let rest: string;
  if (t.startsWith('`')) {
    const end = t.indexOf('`', 1);
    name = t.slice(1, end);
    rest = t.slice(end + 1).trim();
  } else {
    const space = t.search(/\s/);
    name = space < 0 ? t : t.slice(0, space);
    rest = space < 0 ? '' : t.slice(space + 1).trim();
  }
  const key = /\sKEY$/i.test(rest);
  const typeText = key ? rest.slice(0, -4).trim() : rest;
  return { name, type: parseKsqlType(typeText), typeText, key };
}

/** Parses a v1 header `schema` string into its columns. */
export function parseSchemaString(schema: string): NamedType[] {
  return schema.trim() === '' ? [] : splitTopLevel(schema).map(parseNamedType);
}

/** Splits on commas that are not inside `<>`, `()` or back-quotes. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
