import { KsqlClientError } from '../errors.js';
import type { KsqlType } from '../json/ksql-type.js';
import { decodeRow, type QueryEvent } from './framing/index.js';
import type { HttpResponse } from './transport.js';
import type { PushQuery, PushRow, QueryHeader } from './types.js';

export interface PushQueryParts {
  response: HttpResponse;
  reader: { next(): Promise<QueryEvent | undefined> };
  header: QueryHeader;
  types: KsqlType[];
  /** Stops the query on the server (/close-query); errors are ignored by the caller. */
  closeOnServer(queryId: string): Promise<void>;
  signal?: AbortSignal | undefined;
}

/**
 * A running push query as an async iterable. `close()` (or the caller's AbortSignal, or leaving a
 * `for await` loop early) stops it on the server with /close-query and ends the response; the
 * iteration then finishes quietly. A failure of the query or of the connection is thrown.
 */
export function createPushQuery(parts: PushQueryParts): PushQuery {
  const { response, reader, header, types } = parts;
  let closed = false;
  let ended = false;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      if (!ended && header.queryId) await parts.closeOnServer(header.queryId).catch(() => undefined);
      response.abort();
    })();
    return closing;
  };
  const onAbort = () => void close();
  parts.signal?.addEventListener('abort', onAbort, { once: true });

  async function* rows(): AsyncGenerator<PushRow> {
    try {
      for (;;) {
        let event: QueryEvent | undefined;
        try {
          event = await reader.next();
        } catch (error) {
          if (closed) return;
          throw new KsqlClientError(`push query ${header.queryId ?? ''} lost its connection`, {
            status: 0,
            errorCode: 0,
            cause: error,
          });
        }
        if (event === undefined || event.kind === 'final') {
          ended = true;
          return;
        }
        if (event.kind === 'error') {
          ended = true;
          if (closed) return;
          throw event.error;
        }
        if (event.kind === 'row') yield { values: decodeRow(event.raw, types), tombstone: event.tombstone };
      }
    } finally {
      parts.signal?.removeEventListener('abort', onAbort);
      if (!ended) await close();
    }
  }

  return {
    queryId: header.queryId,
    header,
    close,
    [Symbol.asyncIterator]: () => rows(),
  };
}
