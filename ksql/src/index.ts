export { createKsqlClient } from './client/create-client.js';
export { type KsqlCredentials, redactUrl, resolveCredentials } from './client/credentials.js';
export type * from './client/types.js';
export { KsqlClientError, type KsqlClientErrorOptions } from './errors.js';
export * from './migrations/index.js';
