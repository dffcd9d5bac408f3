export { type ApiConfig, apiEnvSchema, readApiConfig } from './config.js';
export type * from './domain/types.js';
export { schemaPath, typeDefs } from './schema/index.js';
export { type ApiServer, type ApiServerOptions, createApiServer } from './server/create-server.js';
