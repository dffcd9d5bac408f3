-- Votes per minute, by when they were cast.
SET 'auto.offset.reset'='earliest';

-- VOTES_OVER_TIME: first ballots per candidate in 1-minute tumbling windows of voting time. A vote
-- that arrives late still lands in its own minute if it is less than 10 minutes late (grace period);
-- later than that it is dropped from this chart (never from the totals).
CREATE TABLE VOTES_OVER_TIME WITH (KAFKA_TOPIC='${topic_prefix}VOTES_OVER_TIME') AS
  SELECT CANDIDATE_ID, COUNT(*) AS VOTES
  FROM FIRST_BALLOTS
  WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 MINUTES)
  GROUP BY CANDIDATE_ID
  EMIT CHANGES;
