import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, execute } from '../graphql-js.js';

/** Results computed per event object, by operation (query text, operation name, variables). */
const results = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();

function shared(event: unknown, key: string, run: () => ExecutionResult | Promise<ExecutionResult>) {
  if (typeof event !== 'object' || event === null) return run();
  let byOperation = results.get(event);
  if (!byOperation) {
    byOperation = new Map();
    results.set(event, byOperation);
  }
  let result = byOperation.get(key);
  if (!result) {
    result = run();
    byOperation.set(key, result);
  }
  return result;
}

/**
 * `subscribe` for graphql-ws that executes each event once per distinct operation, not once per
 * subscriber. Live results hand the same event object to every subscriber of a view (see
 * `LiveResults.watch`), and the fields under a subscription root are plain data, so 10,000
 * dashboards sending the same document share one execution per change; only the socket writes
 * remain per subscriber. Returns an async iterator whose `return()` closes the source at once.
 */
export async function subscribeShared(
  args: ExecutionArgs,
  operationKey: string,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await iterator.next();
      if (step.done) return { done: true, value: undefined };
      const value = await shared(step.value, operationKey, () => execute({ ...args, rootValue: step.value }));
      return { done: false, value };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
