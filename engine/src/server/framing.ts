import type { QueryColumn, QueryEnd, QueryRow, RunningQuery } from '../executor/engine.js';
import type { ErrorBody } from './errors.js';
import { MediaTypes } from './http.js';

/**
 * How one query response is laid out on the wire. Each method returns the exact text to write
 * (or undefined to write nothing): the header first, then rows, then either `end` or `error`.
 */
export interface QueryFraming {
  contentType: string;
  header(query: Pick<RunningQuery, 'queryId' | 'kind' | 'columns'>): string;
  row(row: QueryRow): string | undefined;
  end(how: QueryEnd): string;
  error(body: ErrorBody): string;
}

export type FramingKind = 'v1' | 'delimited' | 'json';

/** `` `NAME` TYPE[ KEY], ... `` — the v1 header schema (KEY only marked for pull queries). */
export function headerSchema(columns: QueryColumn[]): string {
  return columns.map((c) => `\`${c.name}\` ${c.type}${c.key ? ' KEY' : ''}`).join(', ');
}

/**
 * v1 StreamedRow framing (`/query`, and `/query-stream` with `application/vnd.ksql.v1+json`): one
 * JSON array written incrementally, an element per line, tombstones kept. Like ksqlDB, a push query
 * writes each element *with* its `,\n` at once, so a line-by-line reader (ksqlDB's Java client,
 * ours) sees every row the moment it is sent; the array is closed by the final message, or by a
 * bare `]` when the query is closed. A pull query holds one element back so its response ends
 * exactly like ksqlDB's: `…last row]` or `…last row,\n{"finalMessage":"Query Completed"}]`.
 */
export function v1Framing(): QueryFraming {
  let pull = false;
  let held: string | undefined;
  const element = (text: string): string => {
    if (!pull) return `${text},\n`;
    const out = held === undefined ? '' : `${held},\n`;
    held = text;
    return out;
  };
  const close = (last: string | undefined): string => {
    const parts = pull ? [held, last] : [last];
    return `${parts.filter((p) => p !== undefined).join(',\n')}]`;
  };
  return {
    contentType: MediaTypes.v1,
    header: (query) => {
      pull = query.kind === 'pull';
      return `[${element(JSON.stringify({ header: { queryId: query.queryId, schema: headerSchema(query.columns) } }))}`;
    },
    row: (row) => element(`{"row":{"columns":${row.json}${row.tombstone ? ',"tombstone":true' : ''}}}`),
    end: (how) => {
      if (how === 'limit') return close('{"finalMessage":"Limit Reached"}');
      if (how === 'completed') return close('{"finalMessage":"Query Completed"}');
      return close(undefined);
    },
    error: (body) => close(JSON.stringify({ errorMessage: body })),
  };
}

/**
 * The delimited framing, default of `/query-stream`: a header object line, then one JSON array per
 * row, each ending in `\n`; no final message; tombstones are dropped (as ksqlDB does).
 */
export function delimitedFraming(): QueryFraming {
  return {
    contentType: MediaTypes.delimited,
    header: (query) => `${headerObject(query)}\n`,
    row: (row) => (row.tombstone ? undefined : `${row.json}\n`),
    end: () => '',
    error: (body) => `${JSON.stringify(body)}\n`,
  };
}

/** `application/json` on `/query-stream`: `[{header},[row],[row]]` with no newlines, no tombstones. */
export function jsonArrayFraming(): QueryFraming {
  return {
    contentType: MediaTypes.json,
    header: (query) => `[${headerObject(query)}`,
    row: (row) => (row.tombstone ? undefined : `,${row.json}`),
    end: () => ']',
    error: (body) => `,${JSON.stringify(body)}]`,
  };
}

export function framing(kind: FramingKind): QueryFraming {
  if (kind === 'v1') return v1Framing();
  if (kind === 'json') return jsonArrayFraming();
  return delimitedFraming();
}

function headerObject(query: Pick<RunningQuery, 'queryId' | 'columns'>): string {
  return JSON.stringify({
    queryId: query.queryId,
    columnNames: query.columns.map((c) => c.name),
    columnTypes: query.columns.map((c) => c.type),
  });
}
