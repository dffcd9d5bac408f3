export type { KafkaAdmin } from './admin.js';
export { createKafkaClient, type KafkaClient, type KafkaClientOptions } from './client.js';
export type { BatchContext, ConsumerOptions, KafkaConsumer, RunOptions } from './consumer.js';
export { KafkaClientError } from './errors.js';
export type { KafkaProducer, KafkaTransaction, ProducerOptions, TopicRecords } from './producer.js';
export type { ReadTopicOptions } from './read-topic.js';
export type {
  IncomingRecord,
  OutgoingRecord,
  PartitionOffsets,
  RecordBatch,
  RecordHeader,
  TopicDescription,
  TopicPartitionOffset,
  TopicSpec,
} from './types.js';
