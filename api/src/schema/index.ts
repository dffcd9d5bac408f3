import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the SDL (`schema.graphql`): the one source of truth, also for `web/`'s types. */
export const schemaPath: string = fileURLToPath(new URL('./schema.graphql', import.meta.url));

/** The GraphQL schema's SDL. */
export const typeDefs: string = readFileSync(schemaPath, 'utf8');
