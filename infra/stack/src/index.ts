export { parseStackOptions, type StackOptions } from './options.js';
export { resolveDatabase } from './postgres.js';
export { isListening, waitForHttp } from './readiness.js';
export { type RunningStack, startStack } from './stack.js';
export { type ServiceSpec, type Supervised, Supervisor } from './supervisor.js';
