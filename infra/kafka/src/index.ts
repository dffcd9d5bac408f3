export { isAlive, type RunningBroker, type StartBrokerOptions, startBroker, stopPid } from './broker.js';
export { freePort } from './free-port.js';
export { ensureKafkaJars, hasKafkaJars, libsDir } from './jars.js';
