/**
 * How long the broker may hold an engine consumer's fetch open while no records come (Kafka's
 * `fetch.max.wait.ms`, at the Java consumer's default). A fetch returns as soon as records are
 * committed, so this bounds idle polling only: with kafkajs's 100 ms the election's fifteen
 * consumers polled ≈150 times a second with nothing to read.
 */
export const FETCH_MAX_WAIT_MS = 500;
