export { createKafkaTopicStore, type KafkaTopicStoreOptions } from './kafka-topic-store.js';
