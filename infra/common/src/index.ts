export { defaults, parseBrokers, readEnv } from './config.js';
export { ENGINE_NODE_ARGS } from './engine-node-args.js';
export { TallyError, type TallyErrorOptions } from './errors.js';
export { createLogger, type Logger } from './logger.js';
export { onShutdown } from './shutdown.js';
