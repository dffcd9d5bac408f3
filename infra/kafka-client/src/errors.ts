import { TallyError } from '@tally/common';

/** A Kafka failure seen through the adapter; `retriable` tells whether trying again can help. */
export class KafkaClientError extends TallyError {
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown; code?: string } = {}) {
    super(options.code ?? 'KAFKA_ERROR', message, { cause: options.cause });
    this.retriable = options.retriable ?? false;
  }
}

/** Wraps whatever kafkajs threw into a KafkaClientError, keeping its type name and retriability. */
export function wrapKafkaError(context: string, error: unknown): KafkaClientError {
  if (error instanceof KafkaClientError) return error;
  const e = error as { name?: string; message?: string; retriable?: boolean; type?: string };
  return new KafkaClientError(`${context}: ${e.message ?? String(error)}`, {
    retriable: e.retriable === true,
    code: e.type ?? e.name ?? 'KAFKA_ERROR',
    cause: error,
  });
}
