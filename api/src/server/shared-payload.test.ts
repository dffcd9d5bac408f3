import { MessageType, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from '../graphql-js.js';
import { expandNext, type PendingPayloads, payloadBytes, SHARED_NEXT } from './shared-payload.js';

/** What graphql-ws writes for a `next` of `payload` (its own serialization). */
function graphqlWsNext(id: string, payload: unknown): string {
  return stringifyMessage({ id, type: MessageType.Next, payload } as never);
}

describe('shared next payloads', () => {
  it('writes exactly the message graphql-ws would, for each subscriber of one result', () => {
    const result = { data: { candidates: [{ votes: 3, name: 'Zoë "Z" Ünal' }] } };
    const pending: PendingPayloads = new Map();
    for (const id of ['1', 'a8f0-"odd"-id']) {
      pending.set(id, payloadBytes(result));
      const marked = graphqlWsNext(id, SHARED_NEXT);
      expect(String(expandNext(marked, pending))).toBe(graphqlWsNext(id, result));
      expect(pending.has(id)).toBe(false);
    }
    expect(payloadBytes(result)).toBe(payloadBytes(result)); // encoded once per result object
  });

  it('formats errors as graphql-ws does', () => {
    const result = { data: null, errors: [new GraphQLError('boom', { extensions: { code: 'X' } })] };
    const pending: PendingPayloads = new Map([['7', payloadBytes(result)]]);
    const expected = graphqlWsNext('7', { data: null, errors: result.errors.map((e) => e.toJSON()) });
    expect(String(expandNext(graphqlWsNext('7', SHARED_NEXT), pending))).toBe(expected);
  });

  it('leaves every other message as it is, and refuses a marked message with no payload', () => {
    const complete = stringifyMessage({ id: '1', type: MessageType.Complete });
    expect(expandNext(complete, new Map())).toBe(complete);
    const next = graphqlWsNext('1', { data: { n: 0 } });
    expect(expandNext(next, new Map())).toBe(next);
    expect(() => expandNext(graphqlWsNext('2', SHARED_NEXT), new Map())).toThrow(/no payload pending/);
  });
});
