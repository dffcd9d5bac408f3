import { breakdowns } from '../domain/breakdowns.js';
import { candidateResults } from '../domain/candidates.js';
import { candidateSeries } from '../domain/series.js';
import { electionSummary } from '../domain/summary.js';
import type { TableName } from '../domain/tables.js';
import { stateTurnouts } from '../domain/turnout.js';
import { filterTurnout, sortTurnout, type TurnoutFilter, type TurnoutOrder } from '../domain/turnout-page.js';
import type { ResultsInput } from '../domain/types.js';
import type { ApiContext } from './context.js';
import { TABLES_USED } from './tables-used.js';

/** Counts the subscriber in while its stream is open. */
function tracked<T>(
  ctx: ApiContext,
  field: string,
  stream: AsyncIterableIterator<T>,
): AsyncIterableIterator<T> {
  ctx.countSubscriber(field, 1);
  let counted = true;
  const out = () => {
    if (counted) ctx.countSubscriber(field, -1);
    counted = false;
  };
  const wrapped: AsyncIterableIterator<T> = {
    next: async () => {
      const result = await stream.next();
      if (result.done) out();
      return result;
    },
    return: async (value?: unknown) => {
      out();
      return (await stream.return?.(value)) ?? { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      out();
      return (await stream.throw?.(error)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}

/** A subscription field: the live value of `compute`, shared through the process's live views. */
function live<A>(
  field: string,
  tables: readonly TableName[],
  compute: (input: ResultsInput, args: A) => unknown,
  validate?: (args: A) => void,
) {
  return {
    subscribe: (_: unknown, args: A, ctx: ApiContext) => {
      validate?.(args);
      const key = `${field}:${JSON.stringify(args ?? {})}`;
      return tracked(
        ctx,
        field,
        ctx.live.watch(key, tables, (input) => compute(input, args)),
      );
    },
    resolve: (value: unknown) => value,
  };
}

/** Resolvers of `Subscription`: the current state first, then after every change (coalesced). */
export const subscriptionResolvers = {
  summary: live('summary', TABLES_USED.summary, (input) => electionSummary(input)),
  candidates: live('candidates', TABLES_USED.candidates, (input) => candidateResults(input)),
  turnoutByState: live(
    'turnoutByState',
    TABLES_USED.turnout,
    (input, args: { orderBy?: TurnoutOrder | null; filter?: TurnoutFilter | null }) =>
      sortTurnout(filterTurnout(stateTurnouts(input), args.filter), args.orderBy),
    (args) => filterTurnout([], args.filter),
  ),
  votesOverTime: live('votesOverTime', TABLES_USED.votesOverTime, (input, args: { since?: Date | null }) =>
    candidateSeries(input, args.since ?? null),
  ),
  breakdowns: live('breakdowns', TABLES_USED.breakdowns, (input) => breakdowns(input)),
};
