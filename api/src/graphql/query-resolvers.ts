import { breakdowns } from '../domain/breakdowns.js';
import { candidateDirectory, candidateResults, unknownCandidate } from '../domain/candidates.js';
import { candidateSeries } from '../domain/series.js';
import { electionSummary } from '../domain/summary.js';
import { countsBy } from '../domain/tables.js';
import { stateTurnout, stateTurnouts } from '../domain/turnout.js';
import { pageTurnout, type TurnoutPageArgs } from '../domain/turnout-page.js';
import { inputError, unavailableError } from '../errors.js';
import type { ApiContext } from './context.js';
import { TABLES_USED } from './tables-used.js';

const MAX_ID_LENGTH = 200;

/** Resolvers of `Query`: each pulls the tables it needs from ksqlDB (and PostgreSQL). */
export const queryResolvers = {
  summary: async (_: unknown, __: unknown, ctx: ApiContext) =>
    electionSummary(await ctx.load(TABLES_USED.summary)),
  candidates: async (_: unknown, __: unknown, ctx: ApiContext) =>
    candidateResults(await ctx.load(TABLES_USED.candidates)),
  turnoutByState: async (_: unknown, args: TurnoutPageArgs, ctx: ApiContext) => {
    pageTurnout([], args); // validates the arguments before any query
    return pageTurnout(stateTurnouts(await ctx.load(TABLES_USED.turnout)), args);
  },
  state: async (_: unknown, args: { code: string }, ctx: ApiContext) => {
    if (!/^[A-Za-z]{2}$/.test(args.code.trim()))
      throw inputError(
        'code',
        `Expected a two-letter state code such as "OH", found "${args.code.slice(0, 20)}".`,
      );
    return stateTurnout(await ctx.load(TABLES_USED.turnout), args.code);
  },
  votesOverTime: async (_: unknown, args: { since?: Date | null }, ctx: ApiContext) =>
    candidateSeries(await ctx.load(TABLES_USED.votesOverTime), args.since ?? null),
  breakdowns: async (_: unknown, __: unknown, ctx: ApiContext) =>
    breakdowns(await ctx.load(TABLES_USED.breakdowns)),
  voter: async (_: unknown, args: { voterId: string }, ctx: ApiContext) => {
    if (args.voterId.length === 0 || args.voterId.length > MAX_ID_LENGTH)
      throw inputError(
        'voterId',
        `Expected a voterId of 1 to ${MAX_ID_LENGTH} characters, found ${args.voterId.length}.`,
      );
    const record = await ctx.store.voter(args.voterId).catch((error: unknown) => {
      throw unavailableError('PostgreSQL', error);
    });
    return {
      voterId: record.voterId,
      registered: record.registered,
      hasVoted: record.votedAt !== null,
      votedAt: record.votedAt,
      candidate: ctx.exposeBallots ? record.candidate : null,
    };
  },
  audit: async (_: unknown, __: unknown, ctx: ApiContext) => {
    const [postgres, input] = await Promise.all([
      ctx.store.voteCounts().catch((error: unknown) => {
        throw unavailableError('PostgreSQL', error);
      }),
      ctx.load(TABLES_USED.candidates),
    ]);
    const live = countsBy(input.tables.VOTES_PER_CANDIDATE, 'CANDIDATE_ID', 'VOTES');
    const directory = candidateDirectory(input);
    const ids = [...new Set([...directory.keys(), ...postgres.keys(), ...live.keys()])].sort();
    const candidates = ids.map((id) => {
      const postgresVotes = postgres.get(id) ?? 0;
      const liveVotes = live.get(id) ?? 0;
      return {
        candidate: directory.get(id) ?? unknownCandidate(id),
        postgresVotes,
        liveVotes,
        matches: postgresVotes === liveVotes,
      };
    });
    return {
      consistent: candidates.every((row) => row.matches),
      checkedAt: new Date(),
      postgresTotal: candidates.reduce((sum, row) => sum + row.postgresVotes, 0),
      liveTotal: candidates.reduce((sum, row) => sum + row.liveVotes, 0),
      candidates,
    };
  },
};
