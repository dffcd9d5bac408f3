import { parse } from 'lossless-json';
import type { Pool } from 'undici';

export interface QueryReply {
  status: number;
  /** The body as text (what arrived before the deadline for a push query that never ends). */
  text: string;
}

/**
 * POST /query with `Accept: application/json` (v1 StreamedRow array), as the QTT harness does.
 * Calls `onStarted` once the first line (the header) arrived; gives up waiting for more after
 * `deadlineMs` and returns what it has (a push query without enough rows for its LIMIT).
 */
export async function postQuery(
  pool: Pool,
  sql: string,
  properties: Record<string, string>,
  deadlineMs: number,
  onStarted: () => Promise<void> = async () => undefined,
): Promise<QueryReply> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), deadlineMs);
  let text = '';
  let status = 0;
  try {
    const response = await pool.request({
      method: 'POST',
      path: '/query',
      headers: { accept: 'application/json' },
      body: JSON.stringify({ ksql: sql, streamsProperties: properties }),
      signal: abort.signal,
    });
    status = response.statusCode;
    let started = false;
    for await (const chunk of response.body) {
      text += (chunk as Buffer).toString();
      if (!started && text.includes('\n') && status === 200) {
        started = true;
        await onStarted();
      }
    }
    if (!started && status === 200) await onStarted();
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return { status, text };
}

/** A v1 response, parsed line by line like ksqlDB's clients (strip `[`, trailing `,` or `]`). */
export function parseStreamedRows(text: string): unknown[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\[/, '')
        .replace(/[,\]]$/, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .map((line) => parse(line));
}
