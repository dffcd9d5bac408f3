import { createLogger } from '@tally/common';
import { parseStackOptions } from './options.js';
import { PortTakenError } from './ports.js';
import { startStack } from './stack.js';

/** `npm start`: runs the whole of Tally on this machine until Ctrl-C. */
const logger = createLogger('tally');
const options = parseStackOptions(process.argv.slice(2));
const stack = await startStack(options, logger).catch((error: unknown) => {
  // A taken port is the user's to fix: one line, naming the flag, not a stack trace.
  if (error instanceof PortTakenError) logger.error(`Tally could not start: ${error.message}`);
  else logger.error({ err: error }, 'Tally could not start');
  process.exit(1);
});

const banner = [
  '',
  '  Tally is running.',
  `    Dashboard           ${stack.dashboardUrl}`,
  `    GraphQL playground  ${stack.graphqlUrl}`,
  `    ksqlDB REST         ${stack.ksqldbUrl}`,
  `    Kafka               ${stack.kafkaBrokers}`,
  '  Press Ctrl-C to stop everything.',
  '',
].join('\n');
process.stdout.write(`${banner}\n`);
console.log(`TALLY_READY ${stack.dashboardUrl}`);

let stopping = false;
const shutdown = async (reason: string, code: number) => {
  if (stopping) return;
  stopping = true;
  if (code === 0) logger.info({ reason }, 'stopping Tally');
  else logger.error(`stopping Tally: ${reason}`);
  await stack.stop();
  logger.info('stopped');
  process.exit(code);
};
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
void stack.failed.then((reason) => shutdown(reason, 1));
