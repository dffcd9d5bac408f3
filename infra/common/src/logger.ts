import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Creates the structured (pino) logger of one Tally process or component.
 * `LOG_LEVEL` sets the level (default `info`); `LOG_PRETTY=1` pretty-prints for humans.
 */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env['LOG_LEVEL'] ?? 'info';
  const pretty = process.env['LOG_PRETTY'] === '1';
  return pino({
    name,
    level,
    ...options,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  });
}
