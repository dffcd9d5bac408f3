import { createKafkaClient, type KafkaClient } from '@tally/kafka-client';

/** The broker of this test run (started by the global setup, or KAFKA_BROKERS). */
export function testBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run tests through vitest (global setup starts Kafka)');
  return brokers;
}

export function testKafka(clientId = 'tally-test'): KafkaClient {
  return createKafkaClient({ brokers: testBrokers(), clientId });
}
