#!/usr/bin/env node
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from '@tally/common';
import { isAlive, startBroker, stopPid } from './broker.js';
import { ensureKafkaJars } from './jars.js';

/**
 * `tally-kafka start|stop|wipe|status|jars`: the local single-node broker used by `npm start`.
 * KAFKA_DIR (default .tally/kafka) holds its data; KAFKA_PORT (default 9092) its client port.
 */
const logger = createLogger('kafka');
const dir = resolve(process.env['KAFKA_DIR'] ?? '.tally/kafka');
const pidFile = join(dir, 'broker.pid');
const runningPid = (): number | undefined => {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return pid > 0 && isAlive(pid) ? pid : undefined;
};

const command = process.argv[2] ?? 'status';
switch (command) {
  case 'start': {
    if (runningPid() !== undefined) {
      const layout = JSON.parse(readFileSync(join(dir, 'layout.json'), 'utf8')) as { port: number };
      console.log(`127.0.0.1:${layout.port}`);
      break;
    }
    const port = Number(process.env['KAFKA_PORT'] ?? 9092);
    const controllerPort = Number(process.env['KAFKA_CONTROLLER_PORT'] ?? port + 1);
    const broker = await startBroker({ dir, port, controllerPort, detached: true, logger });
    console.log(broker.brokers);
    break;
  }
  case 'stop': {
    const pid = runningPid();
    if (pid !== undefined) await stopPid(pid);
    logger.info({ pid }, pid === undefined ? 'no broker running' : 'broker stopped');
    break;
  }
  case 'wipe': {
    const pid = runningPid();
    if (pid !== undefined) await stopPid(pid);
    rmSync(dir, { recursive: true, force: true });
    logger.info({ dir }, 'broker data wiped');
    break;
  }
  case 'jars': {
    console.log(await ensureKafkaJars(logger));
    break;
  }
  case 'status': {
    const pid = runningPid();
    console.log(pid === undefined ? 'stopped' : `running (pid ${pid})`);
    break;
  }
  default:
    console.error(`usage: tally-kafka start|stop|wipe|status|jars (got '${command}')`);
    process.exitCode = 2;
}
