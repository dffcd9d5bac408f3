-- Demographic breakdowns of the ballots (one row per voter, so re-sent votes change nothing).
SET 'auto.offset.reset'='earliest';

-- VOTES_BY_GENDER: votes per gender (female, male, other).
CREATE TABLE VOTES_BY_GENDER WITH (KAFKA_TOPIC='${topic_prefix}VOTES_BY_GENDER') AS
  SELECT GENDER, COUNT(*) AS VOTES
  FROM BALLOTS
  GROUP BY GENDER
  EMIT CHANGES;

-- VOTES_BY_AGE_BAND: votes per age band (18-24, 25-34, 35-44, 45-54, 55-64, 65+).
CREATE TABLE VOTES_BY_AGE_BAND WITH (KAFKA_TOPIC='${topic_prefix}VOTES_BY_AGE_BAND') AS
  SELECT AGE_BAND, COUNT(*) AS VOTES
  FROM BALLOTS
  GROUP BY AGE_BAND
  EMIT CHANGES;
