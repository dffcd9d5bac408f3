-- One row per voter: the primary key on voter_id IS the one-vote invariant.
-- published_at is the vote producer's outbox mark: null = stored, not yet acknowledged by Kafka.
-- fillfactor leaves room on each page so that setting published_at is a HOT update
-- (no index touched), which keeps the producer's write path cheap.
CREATE TABLE votes (
  voter_id     text PRIMARY KEY REFERENCES voters (voter_id),
  candidate_id text NOT NULL REFERENCES candidates (candidate_id),
  voting_time  timestamptz NOT NULL,
  vote         integer NOT NULL DEFAULT 1 CHECK (vote = 1),
  published_at timestamptz
) WITH (fillfactor = 70);

-- Votes per candidate (the audit query and the results), and votes joined to voters by state.
CREATE INDEX votes_candidate_id_idx ON votes (candidate_id);
