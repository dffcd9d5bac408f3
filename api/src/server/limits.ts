import type { IncomingMessage, ServerResponse } from 'node:http';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import type { ValidationContext } from 'graphql';
import { GraphQLError } from '../graphql-js.js';
import { sendJson } from './health.js';

export interface QueryLimits {
  /** Maximum selection depth, introspection included. */
  maxDepth: number;
  /** Maximum graphql-armor cost of an operation. */
  maxCost: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

/**
 * graphql-armor rejects with "Syntax Error: Query depth limit of 25 exceeded, found 30." — not a
 * syntax error. Tally's rejection names the limit, its value, what was found, and how to fit.
 */
function rejection(limit: 'depth' | 'cost', max: number, hint: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = Number(/found (\d+(?:\.\d+)?)/.exec(error.message)?.[1]);
    const replaced = new GraphQLError(
      `Query rejected by the API's ${limit} limit: its ${limit} is ${found}, the limit is ${max}. ${hint}`,
      { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, max, found } },
    );
    if (!context) throw replaced;
    context.reportError(replaced);
  };
}

/** The depth and cost limits as yoga plugins, rejecting with errors that say which limit was hit. */
export function queryLimitPlugins(limits: QueryLimits) {
  return [
    maxDepthPlugin({
      n: limits.maxDepth,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [rejection('depth', limits.maxDepth, 'Nest fewer selections.')],
    }),
    costLimitPlugin({
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [
        rejection(
          'cost',
          limits.maxCost,
          'Each field costs more the deeper it is nested: ask for fewer fields, or split the query.',
        ),
      ],
    }),
  ];
}

/**
 * Refuses, before GraphQL sees it, a POST without a content type (415, saying which to send) and
 * a body over the size limit (413, by Content-Length). Returns true when it answered.
 */
export function refuseBadBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBodyBytes: number,
): boolean {
  if (request.method !== 'POST') return false;
  const problem = (status: number, message: string, code: string): true => {
    sendJson(response, status, { errors: [{ message, extensions: { code } }] });
    request.resume();
    return true;
  };
  if (!request.headers['content-type'])
    return problem(
      415,
      'Unsupported Media Type: the request has no Content-Type; send the GraphQL request as JSON with `Content-Type: application/json`.',
      'UNSUPPORTED_MEDIA_TYPE',
    );
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > maxBodyBytes)
    return problem(
      413,
      `Payload Too Large: the request body is ${length} bytes, the API's limit is ${maxBodyBytes} bytes.`,
      'PAYLOAD_TOO_LARGE',
    );
  return false;
}
