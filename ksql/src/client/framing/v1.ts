import { parseLossless } from '../../json/lossless.js';
import { headerFromSchema, type QueryDecoder, type QueryEvent, streamError } from './events.js';
import { createArrayElementSplitter } from './json-array.js';

/**
 * `application/vnd.ksql.v1+json` (the StreamedRow array of /query and of /query-stream with that
 * Accept header): one JSON array written one element per line, `[header` then `,\n` + element.
 * ksqlDB's own clients read it line by line, stripping a leading `[` and a trailing `,` or `]`;
 * but the separator before a row is only written when the *next* row comes, so a line reader lags
 * one row behind a live push query. Elements are therefore cut by structure (they are objects):
 * each one as soon as its closing brace arrives; the framing rule is still applied to each element,
 * which also tolerates the `,\n]` that may close an errored response. This is the only format that
 * carries tombstones and final messages.
 */
export function createV1Decoder(): QueryDecoder {
  const elements = createArrayElementSplitter();
  const decode = (line: string): QueryEvent[] => {
    const text = stripFraming(line);
    if (text === '') return [];
    const value = parseLossless(text) as Record<string, unknown>;
    if (value === null || typeof value !== 'object') {
      return [streamError({ error_code: 50000, message: `Unexpected element in v1 response: ${text}` })];
    }
    if ('header' in value) return [headerFromSchema(value['header'] as Record<string, unknown>)];
    if ('row' in value) {
      const row = value['row'] as { columns?: unknown[]; tombstone?: boolean };
      return [{ kind: 'row', raw: row.columns ?? [], tombstone: row.tombstone === true }];
    }
    if ('finalMessage' in value) return [{ kind: 'final', message: String(value['finalMessage']) }];
    if ('errorMessage' in value) return [streamError(value['errorMessage'])];
    if ('error_code' in value) return [streamError(value)];
    return []; // consistencyToken, continuationToken, ...: optional features, ignored
  };
  return {
    push: (chunk) => elements.push(chunk).flatMap(decode),
    end: () => elements.end().flatMap(decode),
  };
}

/** Strips the array framing of one v1 line: a leading `[`, a trailing `,` or `]`. */
export function stripFraming(line: string): string {
  let text = line.trim();
  if (text.startsWith('[')) text = text.slice(1).trim();
  if (text.endsWith(',') || text.endsWith(']')) text = text.slice(0, -1).trim();
  return text;
}
