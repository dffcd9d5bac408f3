import type { OutgoingRecord } from '@tally/kafka-client';
import type { Vote } from '../types.js';

/** A stored vote joined with its voter and candidate, as the vote store reads it. */
export interface StoredVoteRow {
  voter_id: string;
  voter_name: string;
  date_of_birth: string;
  gender: string;
  nationality: string;
  registration_number: string;
  address_street: string;
  address_city: string;
  address_state: string;
  address_country: string;
  address_postcode: string;
  email: string;
  phone_number: string;
  cell_number: string;
  picture: string;
  registered_age: number;
  candidate_id: string;
  candidate_name: string;
  party_affiliation: string;
  photo_url: string;
  /** Epoch milliseconds (as PostgreSQL returns a bigint: a string). */
  voting_time_ms: string;
}

/** The enriched vote of docs/data-model.md, built only from the stored row. */
export function voteFromRow(row: StoredVoteRow): Vote {
  return {
    voter_id: row.voter_id,
    voter_name: row.voter_name,
    date_of_birth: row.date_of_birth,
    gender: row.gender as Vote['gender'],
    nationality: row.nationality,
    registration_number: row.registration_number,
    address: {
      street: row.address_street,
      city: row.address_city,
      state: row.address_state,
      country: row.address_country,
      postcode: row.address_postcode,
    },
    email: row.email,
    phone_number: row.phone_number,
    cell_number: row.cell_number,
    picture: row.picture,
    registered_age: row.registered_age,
    candidate_id: row.candidate_id,
    candidate_name: row.candidate_name,
    party_affiliation: row.party_affiliation,
    photo_url: row.photo_url,
    voting_time: new Date(Number(row.voting_time_ms)).toISOString(),
    vote: 1,
  };
}

/**
 * The `votes_topic` record of a stored vote: key voter_id, JSON value, timestamp = voting time.
 * A function of the row alone, so publishing the same row again sends a byte-identical record.
 */
export function voteRecord(row: StoredVoteRow): OutgoingRecord {
  return {
    key: row.voter_id,
    value: JSON.stringify(voteFromRow(row)),
    timestamp: Number(row.voting_time_ms),
  };
}
