-- Candidates of the election: one row per candidate, written by producers/seed.
CREATE TABLE candidates (
  candidate_id      text PRIMARY KEY,
  candidate_name    text NOT NULL,
  party_affiliation text NOT NULL,
  biography         text NOT NULL,
  campaign_platform text NOT NULL,
  photo_url         text NOT NULL
);
