-- The live result tables, all aggregated from BALLOTS (one row per voter), so that a re-sent vote
-- changes no total. Totals are BIGINT counts.
SET 'auto.offset.reset'='earliest';

-- VOTES_PER_CANDIDATE: the results, with what the dashboard shows of each candidate. Several key
-- columns need a multi-column key format, hence KEY_FORMAT='JSON'.
CREATE TABLE VOTES_PER_CANDIDATE WITH (KAFKA_TOPIC='${topic_prefix}VOTES_PER_CANDIDATE', KEY_FORMAT='JSON') AS
  SELECT CANDIDATE_ID, CANDIDATE_NAME, PARTY_AFFILIATION, PHOTO_URL, COUNT(*) AS VOTES
  FROM BALLOTS
  GROUP BY CANDIDATE_ID, CANDIDATE_NAME, PARTY_AFFILIATION, PHOTO_URL
  EMIT CHANGES;

-- TURNOUT_BY_STATE: votes cast per state (numerator of the turnout percentage).
CREATE TABLE TURNOUT_BY_STATE WITH (KAFKA_TOPIC='${topic_prefix}TURNOUT_BY_STATE') AS
  SELECT STATE, COUNT(*) AS VOTES
  FROM BALLOTS
  GROUP BY STATE
  EMIT CHANGES;

-- REGISTERED_BY_STATE: registered voters per state (denominator of the turnout percentage).
CREATE TABLE REGISTERED_BY_STATE WITH (KAFKA_TOPIC='${topic_prefix}REGISTERED_BY_STATE') AS
  SELECT ADDRESS->STATE AS STATE, COUNT(*) AS REGISTERED
  FROM VOTERS
  GROUP BY ADDRESS->STATE
  EMIT CHANGES;

-- VOTES_BY_STATE_CANDIDATE: votes per candidate in each state, for the map of leading candidates.
CREATE TABLE VOTES_BY_STATE_CANDIDATE WITH (KAFKA_TOPIC='${topic_prefix}VOTES_BY_STATE_CANDIDATE', KEY_FORMAT='JSON') AS
  SELECT STATE, CANDIDATE_ID, COUNT(*) AS VOTES
  FROM BALLOTS
  GROUP BY STATE, CANDIDATE_ID
  EMIT CHANGES;
