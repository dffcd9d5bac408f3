import { GraphQLError } from './graphql-js.js';

/**
 * A GraphQL error for a bad argument: shown to the client as is (never masked), with the
 * `BAD_USER_INPUT` code and the argument's name, saying what was expected and what was found.
 */
export function inputError(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** A GraphQL error for a service the API depends on being unreachable (ksqlDB, PostgreSQL). */
export function unavailableError(service: string, cause: unknown): GraphQLError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new GraphQLError(`${service} is unavailable: ${detail}`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service },
  });
}
