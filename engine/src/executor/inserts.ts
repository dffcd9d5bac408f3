/**
 * INSERT INTO … VALUES and /inserts-stream rows: values are coerced to the column types and the
 * record is serialized with the source's formats. Columns not given are null (never a tombstone);
 * ROWTIME may be given in VALUES (otherwise wall clock).
 */
import {
  type DataSource,
  KsqlTypeError,
  keyColumns,
  mapScope,
  type SqlType,
  typeOf,
  valueColumns,
} from '../analyzer/index.js';
import {
  castValue,
  coerceJson,
  compileExpr,
  createKeySerde,
  createValueSerde,
  newRow,
  type StoredRecord,
} from '../runtime/index.js';
import type { Expr } from '../syntax/index.js';

function serdes(source: DataSource) {
  const opts = {
    ...(source.wrapSingleValue === undefined ? {} : { wrapSingleValue: source.wrapSingleValue }),
    ...(source.valueDelimiter === undefined ? {} : { delimiter: source.valueDelimiter }),
  };
  return {
    key: createKeySerde(source.keyFormat, keyColumns(source), undefined, opts),
    value: createValueSerde(source.valueFormat, valueColumns(source), opts),
  };
}

/** The source rows may be inserted into: it exists and is not read-only (CREATE SOURCE). */
export function writableSource(source: DataSource | undefined, name: string): DataSource {
  if (source === undefined)
    throw new KsqlTypeError(`Cannot insert values into an unknown stream/table: ${name}`);
  if (source.isSource)
    throw new KsqlTypeError(`Cannot insert values into read-only ${source.type.toLowerCase()}: ${name}`);
  return source;
}

function checkTarget(source0: DataSource | undefined, name: string): DataSource {
  const source = writableSource(source0, name);
  if (source.window !== undefined)
    throw new KsqlTypeError(`Cannot insert values into windowed ${source.type.toLowerCase()}: ${name}`);
  return source;
}

/** Builds the record of an INSERT INTO … VALUES statement. */
export function insertValuesRecord(
  source0: DataSource | undefined,
  name: string,
  columns: string[] | undefined,
  values: Expr[],
): StoredRecord {
  const source = checkTarget(source0, name);
  const cols = columns ?? source.columns.map((c) => c.name);
  for (const c of cols) {
    if (c === 'ROWPARTITION' || c === 'ROWOFFSET')
      throw new KsqlTypeError(`Inserting into column \`${c}\` is not allowed.`);
  }
  const headers = cols.filter((c) => source.columns.some((x) => x.name === c && x.namespace === 'HEADER'));
  if (headers.length > 0) throw new KsqlTypeError(`Cannot insert into HEADER columns: ${headers.join(', ')}`);
  if (cols.length !== values.length) {
    throw new KsqlTypeError(
      `Failed to prepare statement: Expected number columns and values to match: ${cols.length}, ${values.length}`,
    );
  }
  const scope = mapScope(new Map());
  const byName = new Map<string, unknown>();
  let ts: number | undefined;
  cols.forEach((c, i) => {
    const e = values[i]!;
    let v: unknown;
    let t: SqlType;
    try {
      t = typeOf(e, scope);
      v = compileExpr(e, scope)(newRow());
    } catch (err) {
      // A qualified reference names its qualifier first, as ksqlDB resolves it first (`FOO.BAR`: 'FOO').
      if (e.kind === 'column')
        throw new KsqlTypeError(
          `Failed to prepare statement: '${e.source ?? e.name}' is not a valid stream/table name or alias.`,
        );
      throw err;
    }
    if (c === 'ROWTIME') {
      ts = Number(v);
      return;
    }
    const col = source.columns.find((x) => x.name === c);
    if (col === undefined) throw new KsqlTypeError(`Column name ${c} does not exist.`);
    try {
      byName.set(
        c,
        v === null
          ? null
          : e.kind === 'literal' && e.type === 'string' && col.type.kind !== 'STRING'
            ? coerceJson(v, col.type)
            : castValue(v, t, col.type),
      );
    } catch {
      throw new KsqlTypeError(
        `Expected type ${col.type.kind} for field ${c} but got ${String(v)}(${t.kind})`,
      );
    }
  });
  return buildRecord(source, byName, ts ?? Date.now());
}

function buildRecord(source: DataSource, byName: Map<string, unknown>, timestamp: number): StoredRecord {
  const s = serdes(source);
  const key = s.key.serialize(keyColumns(source).map((c) => byName.get(c.name) ?? null));
  const value = s.value.serialize(valueColumns(source).map((c) => byName.get(c.name) ?? null));
  return { key, value, timestamp };
}

/** Maps a JSON field name like an identifier: unquoted upper-cased, back-quoted kept. */
function fieldName(f: string): string {
  return f.startsWith('`') && f.endsWith('`') && f.length >= 2 ? f.slice(1, -1) : f.toUpperCase();
}

/** Builds the record of one /inserts-stream row (values from lossless-json). */
export function insertRowRecord(
  source0: DataSource | undefined,
  name: string,
  row: Record<string, unknown>,
): StoredRecord {
  const source = checkTarget(source0, name);
  const byName = new Map<string, unknown>();
  for (const [f, v] of Object.entries(row)) {
    const n = fieldName(f);
    if (byName.has(n)) throw new KsqlTypeError(`Duplicate field: ${n}`);
    const col = source.columns.find((c) => c.name === n);
    if (col === undefined) continue;
    try {
      byName.set(n, coerceJson(v, col.type));
    } catch {
      throw new KsqlTypeError(
        `Can't coerce a field of type ${typeof v} (${String(v)}) into type ${col.type.kind}`,
      );
    }
  }
  for (const k of keyColumns(source)) {
    if (!byName.has(k.name)) throw new KsqlTypeError(`Key field must be specified: ${k.name}`);
  }
  return buildRecord(source, byName, Date.now());
}
