import type { TableName } from '../domain/tables.js';

/** The tables each result is computed from: what a query pulls and what a subscription watches. */
export const TABLES_USED = {
  summary: ['VOTES_PER_CANDIDATE', 'REGISTERED_BY_STATE', 'VOTES_OVER_TIME'],
  candidates: ['VOTES_PER_CANDIDATE'],
  turnout: ['TURNOUT_BY_STATE', 'REGISTERED_BY_STATE', 'VOTES_BY_STATE_CANDIDATE', 'VOTES_PER_CANDIDATE'],
  votesOverTime: ['VOTES_OVER_TIME', 'VOTES_PER_CANDIDATE'],
  breakdowns: ['VOTES_BY_GENDER', 'VOTES_BY_AGE_BAND'],
} as const satisfies Record<string, readonly TableName[]>;
