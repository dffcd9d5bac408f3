/** A voter as published on `voters_topic` (docs/data-model.md); field order is the wire order. */
export interface Voter {
  voter_id: string;
  voter_name: string;
  /** `YYYY-MM-DD`. */
  date_of_birth: string;
  gender: 'female' | 'male' | 'other';
  nationality: string;
  registration_number: string;
  address: {
    street: string;
    city: string;
    /** Two-letter USPS code (50 states + DC). */
    state: string;
    country: string;
    postcode: string;
  };
  email: string;
  phone_number: string;
  cell_number: string;
  /** Compact offline SVG avatar as a data URI (< 300 bytes). */
  picture: string;
  /** Age in full years on the registration date; always ≥ 18. */
  registered_age: number;
}

/** A candidate as published on `candidates_topic` and stored in `candidates`. */
export interface Candidate {
  candidate_id: string;
  candidate_name: string;
  party_affiliation: string;
  biography: string;
  campaign_platform: string;
  /** Offline SVG portrait as a data URI. */
  photo_url: string;
}

/** An enriched vote as published on `votes_topic`: the voter, the candidate's public fields, the vote. */
export interface Vote extends Voter {
  candidate_id: string;
  candidate_name: string;
  party_affiliation: string;
  photo_url: string;
  /** ISO-8601 UTC with milliseconds; also the Kafka record's timestamp. */
  voting_time: string;
  vote: 1;
}
