import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, execute } from '../graphql-js.js';
import { FanOutHub } from './fan-out-hub.js';
import { FanOutMember, type MemberSocket } from './fan-out-member.js';

/** `subscribe` for graphql-ws subscriptions that share their operation's execution and writes. */
export interface SharedSubscriptions {
  /**
   * Opens the subscription `args` (its operation named by `operationKey`: query text, operation
   * name, variables) for `target`. Returns graphql-ws's iterator — which yields nothing: the
   * operation's hub writes the `next` messages — or the errors of a subscription that did not open.
   */
  subscribe(
    args: ExecutionArgs,
    operationKey: string,
    target: MemberSocket,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
}

/**
 * The subscriptions of one graphql-ws server, grouped by operation (`FanOutHub`): live results
 * hand the same state to every subscriber of a view and the fields under a subscription root are
 * plain data, so 10,000 dashboards sending the same document cost one execution and one
 * serialization per change, and one loop of socket writes. One registry per server: two servers
 * in a process have their own live views.
 */
export function createSharedSubscriptions(): SharedSubscriptions {
  const hubs = new Map<string, FanOutHub>();
  return {
    async subscribe(args, operationKey, target) {
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
      let hub = hubs.get(operationKey);
      if (!hub) {
        const created = new FanOutHub(() => {
          if (hubs.get(operationKey) === created) hubs.delete(operationKey);
        });
        hubs.set(operationKey, created);
        hub = created;
      }
      const joined = hub;
      const member = new FanOutMember(
        target,
        (source as AsyncIterable<unknown>)[Symbol.asyncIterator](),
        (event) => execute({ ...args, rootValue: event }),
        joined,
        (left) => joined.leave(left),
      );
      joined.join(member);
      return member.iterator;
    },
  };
}
