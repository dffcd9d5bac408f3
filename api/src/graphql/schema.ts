import { createSchema } from 'graphql-yoga';
import { typeDefs } from '../schema/index.js';
import type { ApiContext } from './context.js';
import { queryResolvers } from './query-resolvers.js';
import { DateTime } from './scalars.js';
import { subscriptionResolvers } from './subscription-resolvers.js';

/** The executable schema: the SDL of `schema.graphql` with Tally's resolvers. */
export function createApiSchema() {
  return createSchema<ApiContext>({
    typeDefs,
    resolvers: { DateTime, Query: queryResolvers, Subscription: subscriptionResolvers },
  });
}
