import type { OutgoingRecord } from '@tally/kafka-client';

/** A stored vote as the vote store reads it: rendered by PostgreSQL from the stored rows. */
export interface StoredVoteRow {
  voter_id: string;
  /** Epoch milliseconds of `voting_time` (a bigint: PostgreSQL returns it as a string). */
  voting_time_ms: string;
  /** The enriched vote (type `Vote`) as JSON, field order of docs/data-model.md. */
  vote_json: string;
}

/**
 * The `votes_topic` record of a stored vote: key voter_id, the JSON PostgreSQL rendered from the
 * stored row, timestamp = voting time. A function of the row alone, so publishing the same row
 * again sends a byte-identical record.
 */
export function voteRecord(row: StoredVoteRow): OutgoingRecord {
  return { key: row.voter_id, value: row.vote_json, timestamp: Number(row.voting_time_ms) };
}
