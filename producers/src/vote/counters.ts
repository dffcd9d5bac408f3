/** What the vote producer has done since it started (also logged every few seconds). */
export interface VoteCounters {
  /** Voter records read from `voters_topic`. */
  received: number;
  /** New rows in `votes`. */
  stored: number;
  /** Votes acknowledged on `votes_topic` (including re-publications). */
  published: number;
  /** Stored-but-unpublished votes found and published again (outbox at start-up, sweeps, replays). */
  republished: number;
  /** Voters who had voted already (a replayed record): nothing stored. */
  alreadyVoted: number;
  /** Records sent to the dead-letter topic: malformed or unknown voter. */
  malformed: number;
  /** Of `malformed`, the voters unknown to PostgreSQL. */
  unknownVoters: number;
}

/** Where the producer's time went, in milliseconds (stages overlap: they run pipelined). */
export interface VoteTimings {
  /** Parsing voter records and choosing candidates. */
  parseMs: number;
  /** The insert-and-read-back round trip to PostgreSQL. */
  storeMs: number;
  /** Waiting for Kafka to acknowledge votes (and dead letters). */
  publishMs: number;
  /** Setting `published_at`. */
  markMs: number;
  /** Committing consumer offsets. */
  commitMs: number;
}

export function zeroCounters(): VoteCounters {
  return {
    received: 0,
    stored: 0,
    published: 0,
    republished: 0,
    alreadyVoted: 0,
    malformed: 0,
    unknownVoters: 0,
  };
}

export function zeroTimings(): VoteTimings {
  return { parseMs: 0, storeMs: 0, publishMs: 0, markMs: 0, commitMs: 0 };
}
