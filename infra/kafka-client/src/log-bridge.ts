import type { Logger } from '@tally/common';
import { type logCreator, logLevel } from 'kafkajs';

/**
 * Errors kafkajs logs at ERROR although it retries them and they are part of normal operation:
 * right after a transaction commits, the coordinator answers the next AddPartitionsToTxn with
 * CONCURRENT_TRANSACTIONS until the commit markers are written; new topics briefly have no leader.
 */
const routineRetries = [
  /concurrent operation on the same transaction/,
  /There is no leader for this topic-partition/,
];

function isRoutineRetry(log: { message: string; error?: unknown }): boolean {
  const text = `${log.message} ${String(log.error ?? '')}`;
  return routineRetries.some((pattern) => pattern.test(text));
}

/** Routes kafkajs's own log lines into the process's pino logger. */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      const child = { kafkajs: log.namespace, ...extra };
      if (isRoutineRetry(log)) logger.debug(child, message);
      else if (level === logLevel.ERROR) logger.error(child, message);
      else if (level === logLevel.WARN) logger.warn(child, message);
      else if (level === logLevel.INFO) logger.debug(child, message);
      else logger.trace(child, message);
    };
}
