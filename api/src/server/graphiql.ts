import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

const SUMMARY = `# Welcome to Tally's GraphQL API.
# The tabs hold ready examples: results, a live subscription, turnout pages, the audit.
query Results {
  summary {
    registeredVoters
    votesCast
    turnoutPercent
    candidateCount
    leader { candidate { name party } votes sharePercent }
    marginVotes
    marginPercent
    updatedAt
  }
  candidates { candidate { id name party } votes sharePercent }
}
`;

const SUBSCRIPTION = `# Live results over graphql-ws: the current state first, then every change.
subscription LiveResults {
  candidates { candidate { name party } votes sharePercent }
}
`;

const TURNOUT = `# Turnout by state, sorted, filtered and paginated (pass pageInfo.endCursor as $after).
query Turnout($after: String) {
  turnoutByState(first: 10, after: $after, orderBy: { field: TURNOUT, direction: DESC }) {
    totalCount
    edges {
      cursor
      node { code name registeredVoters votes turnoutPercent leader { candidate { name } votes } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const AUDIT = `# PostgreSQL's vote counts against the live tables', and breakdowns.
query Audit {
  audit { consistent checkedAt postgresTotal liveTotal candidates { candidate { name } postgresVotes liveVotes matches } }
  breakdowns { byGender { label votes sharePercent } byAgeBand { label votes sharePercent } }
}
`;

/** The example operations of GraphiQL's tabs. */
export const EXAMPLE_OPERATIONS: readonly string[] = [SUMMARY, SUBSCRIPTION, TURNOUT, AUDIT];

/** GraphiQL's options: subscriptions over graphql-ws and the example tabs. */
export function graphiqlOptions(): GraphiQLOptions {
  return {
    title: 'Tally GraphQL',
    subscriptionsProtocol: 'WS',
    defaultQuery: SUMMARY,
    defaultTabs: [
      { query: SUMMARY },
      { query: SUBSCRIPTION },
      { query: TURNOUT, variables: '{}' },
      { query: AUDIT },
    ],
  };
}

const rendered = new Map<string, string>();

/**
 * GraphiQL's page with its scripts and styles inlined from the installed
 * `@graphql-yoga/render-graphiql` (no CDN: the playground works offline). Rendered once per
 * options.
 */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const key = JSON.stringify(options);
  let html = rendered.get(key);
  if (!html) {
    html = renderGraphiQL(options);
    rendered.set(key, html);
  }
  return html;
}
