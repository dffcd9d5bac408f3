import { describe, expect, it } from 'vitest';
import { KsqlClientError } from '../errors.js';
import { parseKsqlType } from '../json/ksql-type.js';
import type { QueryEvent } from './framing/index.js';
import { createPushQuery } from './push-query.js';
import type { HttpResponse } from './transport.js';

/** A push query over a scripted event source: what close, abort, errors and LIMIT do to iteration. */
function scripted(events: (QueryEvent | Error)[], signal?: AbortSignal) {
  const log: string[] = [];
  let wake: (() => void) | undefined;
  let aborted = false;
  const reader = {
    async next(): Promise<QueryEvent | undefined> {
      for (;;) {
        if (aborted) throw new Error('socket closed');
        const event = events.shift();
        if (event instanceof Error) throw event;
        if (event) return event;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
  const response = {
    abort: () => {
      aborted = true;
      log.push('abort');
      wake?.();
    },
  } as unknown as HttpResponse;
  const query = createPushQuery({
    response,
    reader,
    header: { queryId: 'transient_Q_1', columns: [{ name: 'N', type: 'BIGINT', key: false }] },
    types: [parseKsqlType('BIGINT')],
    closeOnServer: async (id) => {
      log.push(`close-query ${id}`);
    },
    signal,
  });
  return { query, log };
}

const row = (n: number): QueryEvent => ({ kind: 'row', raw: [n], tombstone: false });

describe('push query', () => {
  it('closes on the server when the loop is left early', async () => {
    const { query, log } = scripted([row(1), row(2), row(3)]);
    for await (const r of query) {
      expect(r.values).toEqual([1]);
      break;
    }
    expect(log).toEqual(['close-query transient_Q_1', 'abort']);
  });

  it('ends quietly after close() while waiting for rows', async () => {
    const { query, log } = scripted([row(1)]);
    const seen: unknown[] = [];
    const iteration = (async () => {
      for await (const r of query) {
        seen.push(r.values[0]);
        void query.close();
      }
    })();
    await iteration;
    expect(seen).toEqual([1]);
    expect(log).toEqual(['close-query transient_Q_1', 'abort']);
  });

  it('ends on a final message without closing anything', async () => {
    const { query, log } = scripted([row(1), { kind: 'final', message: 'Limit Reached' }]);
    const values = [];
    for await (const r of query) values.push(r.values);
    expect(values).toEqual([[1]]);
    expect(log).toEqual([]);
  });

  it('throws an error sent mid-stream, and a dropped connection', async () => {
    const error = new KsqlClientError('query failed', { status: 500, errorCode: 50000 });
    const failing = scripted([row(1), { kind: 'error', error }]).query;
    await expect(async () => {
      for await (const _ of failing);
    }).rejects.toBe(error);
    const dropped = scripted([row(1), new Error('ECONNRESET')]).query;
    await expect(async () => {
      for await (const _ of dropped);
    }).rejects.toMatchObject({
      code: 'KSQL_CONNECTION',
      message: expect.stringContaining('lost its connection'),
    });
  });

  it('is cancelled by its AbortSignal', async () => {
    const controller = new AbortController();
    const { query, log } = scripted([row(1)], controller.signal);
    const seen = [];
    for await (const r of query) {
      seen.push(r);
      controller.abort();
    }
    expect(seen).toHaveLength(1);
    expect(log).toEqual(['close-query transient_Q_1', 'abort']);
  });
});
