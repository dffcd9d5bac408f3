import { GraphQLError, GraphQLScalarType, Kind } from '../graphql-js.js';

function toDate(value: unknown, what: string): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new GraphQLError(`Expected ${what} to be an ISO-8601 date-time, found ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return date;
}

/** `DateTime`: ISO-8601 in UTC on the wire, `Date` in resolvers. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, as an ISO-8601 string in UTC.',
  serialize: (value) => toDate(value, 'a DateTime').toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string')
      throw new GraphQLError(`Expected a DateTime string, found ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    return toDate(value, 'a DateTime');
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError(`Expected a DateTime string literal, found ${ast.kind}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    return toDate(ast.value, 'a DateTime');
  },
});
