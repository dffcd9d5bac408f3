-- The two source objects over the producers' topics. Topic names are variables so that test runs
-- can use their own topics: the properties file gives the defaults (voters_topic, votes_topic);
-- with Confluent's ksql-migrations pass -d voters_topic=voters_topic -d votes_topic=votes_topic
-- -d topic_prefix= (ksql-migrations.properties lists them).
--
-- Read both topics from their beginning, so that nothing produced before this migration is lost.
SET 'auto.offset.reset'='earliest';

-- VOTERS: the registered voters, one row per voter_id (the latest record of each voter). It is
-- the denominator of turnout (REGISTERED_BY_STATE aggregates it).
CREATE TABLE VOTERS (
  VOTER_ID STRING PRIMARY KEY,
  VOTER_NAME STRING,
  DATE_OF_BIRTH STRING,
  GENDER STRING,
  NATIONALITY STRING,
  REGISTRATION_NUMBER STRING,
  ADDRESS STRUCT<STREET STRING, CITY STRING, STATE STRING, COUNTRY STRING, POSTCODE STRING>,
  EMAIL STRING,
  PHONE_NUMBER STRING,
  CELL_NUMBER STRING,
  PICTURE STRING,
  REGISTERED_AGE INTEGER
) WITH (KAFKA_TOPIC='${voters_topic}', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON', PARTITIONS=1);

-- VOTES: every vote exactly as the vote producer sent it (a re-sent vote appears twice here; BALLOTS
-- removes the duplicates). The record timestamp is the vote's voting_time.
CREATE STREAM VOTES (
  VOTER_ID STRING KEY,
  VOTER_NAME STRING,
  DATE_OF_BIRTH STRING,
  GENDER STRING,
  NATIONALITY STRING,
  REGISTRATION_NUMBER STRING,
  ADDRESS STRUCT<STREET STRING, CITY STRING, STATE STRING, COUNTRY STRING, POSTCODE STRING>,
  EMAIL STRING,
  PHONE_NUMBER STRING,
  CELL_NUMBER STRING,
  PICTURE STRING,
  REGISTERED_AGE INTEGER,
  CANDIDATE_ID STRING,
  CANDIDATE_NAME STRING,
  PARTY_AFFILIATION STRING,
  PHOTO_URL STRING,
  VOTING_TIME STRING,
  VOTE INTEGER
) WITH (KAFKA_TOPIC='${votes_topic}', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON', PARTITIONS=1);
