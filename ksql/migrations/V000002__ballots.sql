-- One ballot per voter: the heart of "every accepted vote is counted exactly once".
SET 'auto.offset.reset'='earliest';
-- Every update of BALLOTS must reach its changelog (FIRST_BALLOTS filters on BALLOTS_RECEIVED = 1),
-- so ksqlDB's record cache, which coalesces updates of a key, is turned off for these queries.
SET 'cache.max.bytes.buffering'='0';

-- BALLOTS: the latest ballot of each voter, keyed by VOTER_ID. A re-sent vote updates the row with
-- the same values (only BALLOTS_RECEIVED grows), so the tables aggregated from BALLOTS retract the
-- old row and add the new one: no total changes.
CREATE TABLE BALLOTS WITH (KAFKA_TOPIC='${topic_prefix}BALLOTS') AS
  SELECT
    VOTER_ID,
    LATEST_BY_OFFSET(CANDIDATE_ID) AS CANDIDATE_ID,
    LATEST_BY_OFFSET(CANDIDATE_NAME) AS CANDIDATE_NAME,
    LATEST_BY_OFFSET(PARTY_AFFILIATION) AS PARTY_AFFILIATION,
    LATEST_BY_OFFSET(PHOTO_URL) AS PHOTO_URL,
    LATEST_BY_OFFSET(ADDRESS->STATE) AS STATE,
    LATEST_BY_OFFSET(GENDER) AS GENDER,
    LATEST_BY_OFFSET(
      CASE
        WHEN REGISTERED_AGE < 25 THEN '18-24'
        WHEN REGISTERED_AGE < 35 THEN '25-34'
        WHEN REGISTERED_AGE < 45 THEN '35-44'
        WHEN REGISTERED_AGE < 55 THEN '45-54'
        WHEN REGISTERED_AGE < 65 THEN '55-64'
        ELSE '65+'
      END
    ) AS AGE_BAND,
    LATEST_BY_OFFSET(VOTING_TIME) AS VOTING_TIME,
    COUNT(*) AS BALLOTS_RECEIVED
  FROM VOTES
  GROUP BY VOTER_ID
  EMIT CHANGES;

-- BALLOT_CHANGES: the BALLOTS changelog read as a stream (windows need a stream source).
CREATE STREAM BALLOT_CHANGES (
  VOTER_ID STRING KEY,
  CANDIDATE_ID STRING,
  CANDIDATE_NAME STRING,
  PARTY_AFFILIATION STRING,
  PHOTO_URL STRING,
  STATE STRING,
  GENDER STRING,
  AGE_BAND STRING,
  VOTING_TIME STRING,
  BALLOTS_RECEIVED BIGINT
) WITH (KAFKA_TOPIC='${topic_prefix}BALLOTS', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON');

-- FIRST_BALLOTS: each voter's ballot exactly once, as a stream, stamped with its voting time.
CREATE STREAM FIRST_BALLOTS WITH (KAFKA_TOPIC='${topic_prefix}FIRST_BALLOTS') AS
  SELECT *
  FROM BALLOT_CHANGES
  WHERE BALLOTS_RECEIVED = 1
  EMIT CHANGES;
