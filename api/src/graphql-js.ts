/**
 * graphql-js, loaded as the CommonJS build that yoga, graphql-ws and graphql-tools load. graphql 16
 * also ships an ESM build (`index.mjs`, picked by bundler-style resolvers such as vitest's), and
 * its classes are checked with `instanceof`: a `GraphQLError` or `GraphQLScalarType` from the
 * other build is "from another module or realm". Importing through this file keeps one copy.
 */
export {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FormattedExecutionResult,
  GraphQLError,
  GraphQLScalarType,
  getOperationAST,
  Kind,
} from 'graphql/index.js';
