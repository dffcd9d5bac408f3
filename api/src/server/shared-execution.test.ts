import { parse } from 'graphql/index.js';
import { createSchema } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { subscribeShared } from './shared-execution.js';

describe('subscribeShared', () => {
  it('executes an event once for every subscriber of the same operation, and closes the source on return', async () => {
    let resolved = 0;
    let closed = 0;
    const event = { votes: 3 };
    const schema = createSchema({
      typeDefs: 'type Query { ok: Boolean } type Subscription { tick: Tick! } type Tick { votes: Int! }',
      resolvers: {
        Subscription: {
          tick: {
            subscribe: () => ({
              [Symbol.asyncIterator]() {
                let sent = false;
                return {
                  next: async () => {
                    if (sent) return new Promise<never>(() => undefined);
                    sent = true;
                    return { done: false, value: event };
                  },
                  return: async () => {
                    closed += 1;
                    return { done: true, value: undefined };
                  },
                };
              },
            }),
            resolve: (value: unknown) => value,
          },
        },
        Tick: {
          votes: (tick: { votes: number }) => {
            resolved += 1;
            return tick.votes;
          },
        },
      },
    });
    const document = parse('subscription { tick { votes } }');
    const streams = await Promise.all(
      [1, 2, 3].map(
        () =>
          subscribeShared({ schema, document }, 'same-operation') as Promise<AsyncIterableIterator<unknown>>,
      ),
    );
    const results = await Promise.all(streams.map((stream) => stream.next()));
    expect(results.map((result) => result.value)).toEqual(Array(3).fill({ data: { tick: { votes: 3 } } }));
    expect(resolved).toBe(1);
    await Promise.all(streams.map((stream) => stream.return?.()));
    expect(closed).toBe(3);
  });
});
