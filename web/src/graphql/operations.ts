/**
 * Every GraphQL operation the dashboard sends. graphql-codegen reads these strings (the
 * `GraphQL` comment marks them) and generates their result types into `src/generated/`.
 */

const candidateResultFields = /* GraphQL */ `
  fragment CandidateResultFields on CandidateResult {
    votes
    sharePercent
    candidate {
      id
      name
      party
      photoUrl
    }
  }
`;

const stateFields = /* GraphQL */ `
  fragment StateFields on StateTurnout {
    code
    name
    registeredVoters
    votes
    turnoutPercent
    leader {
      ...StateResultFields
    }
  }
`;

const stateResultFields = /* GraphQL */ `
  fragment StateResultFields on CandidateResult {
    votes
    sharePercent
    candidate {
      id
      name
    }
  }
`;

/** Headline numbers: the first message is the current state. */
export const SUMMARY_SUBSCRIPTION = /* GraphQL */ `
  subscription Summary {
    summary {
      registeredVoters
      votesCast
      turnoutPercent
      candidateCount
      marginVotes
      marginPercent
      updatedAt
      leader {
        ...CandidateResultFields
      }
    }
  }
  ${candidateResultFields}
`;

/** Every candidate's votes and share, most votes first. */
export const CANDIDATES_SUBSCRIPTION = /* GraphQL */ `
  subscription Candidates {
    candidates {
      ...CandidateResultFields
    }
  }
  ${candidateResultFields}
`;

/** All states with their leader, for the map. */
export const STATES_SUBSCRIPTION = /* GraphQL */ `
  subscription States {
    turnoutByState {
      ...StateFields
      results {
        ...StateResultFields
      }
    }
  }
  ${stateFields}
  ${stateResultFields}
`;

/** Votes per minute per candidate. */
export const VOTES_OVER_TIME_SUBSCRIPTION = /* GraphQL */ `
  subscription VotesOverTime {
    votesOverTime {
      candidate {
        id
        name
        party
      }
      points {
        windowStart
        votes
      }
    }
  }
`;

/** Votes by gender and by age band. */
export const BREAKDOWNS_SUBSCRIPTION = /* GraphQL */ `
  subscription Breakdowns {
    breakdowns {
      byGender {
        label
        votes
        sharePercent
      }
      byAgeBand {
        label
        votes
        sharePercent
      }
    }
  }
`;

/** One page of the turnout table: sorted, filtered and paginated by the server. */
export const TURNOUT_PAGE_QUERY = /* GraphQL */ `
  query TurnoutPage($first: Int!, $after: String, $orderBy: TurnoutOrder, $filter: TurnoutFilter) {
    turnoutByState(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...StateFields
        }
      }
    }
  }
  ${stateFields}
  ${stateResultFields}
`;

/** PostgreSQL's counts against the live tables'. */
export const AUDIT_QUERY = /* GraphQL */ `
  query Audit {
    audit {
      consistent
      checkedAt
      postgresTotal
      liveTotal
    }
  }
`;
