import { ErrorCodes } from '../../errors.js';
import type { QueryRequest } from '../../executor/engine.js';
import { negotiate } from '../accept.js';
import type { Route, RouteContext } from '../context.js';
import { badRequest, genericError, missingField } from '../errors.js';
import { type FramingKind, framing } from '../framing.js';
import { MediaTypes, type Request, type Response, sendText } from '../http.js';
import { checkStatementLength, connectionOf } from '../limits.js';
import { optionalMap, readJsonObject } from '../request-body.js';
import { streamQuery } from '../stream-query.js';

const { v1, json, delimited } = MediaTypes;

/** Runs a query and streams it with the framing negotiated for this endpoint. */
async function runQuery(
  request: QueryRequest,
  kind: FramingKind,
  response: Response,
  context: RouteContext,
  endpoint: string,
  connection: object,
): Promise<void> {
  const { engine, logger, pushQueries, metrics, limits, pushQueriesPerConnection } = context;
  checkStatementLength(request.sql, limits);
  const query = await engine.query(request);
  if (query.kind === 'push') {
    if (pushQueriesPerConnection.count(connection) >= limits.maxPushQueriesPerConnection) {
      await query.close();
      throw genericError(
        400,
        ErrorCodes.MAX_PUSH_QUERIES,
        `The maximum number of concurrent push queries on one connection (${limits.maxPushQueriesPerConnection}, ENGINE_MAX_PUSH_QUERIES_PER_CONNECTION) has been reached. Close some push queries and try again.`,
      );
    }
    await pushQueries.admit(query);
    pushQueriesPerConnection.add(connection);
    metrics.pushQueriesOpen.inc();
  }
  // A pull query's rows are counted once, at its end: a labelled increment per row costs about as
  // much as rendering the row (a million-row scan). Push queries count as they go.
  let pulled = 0;
  const onRow =
    query.kind === 'pull'
      ? () => {
          pulled++;
        }
      : () => metrics.rowsSent.inc({ endpoint });
  try {
    await streamQuery(response, query, framing(kind), {
      logger,
      stallTimeoutMs: limits.stallTimeoutMs,
      onRow,
      buffers: metrics.responseBuffers,
      onStalled: () => metrics.stalledClosed.inc(),
    });
  } finally {
    if (pulled > 0) metrics.rowsSent.inc({ endpoint }, pulled);
    if (query.kind === 'push') {
      pushQueries.release(query);
      pushQueriesPerConnection.remove(connection);
      metrics.pushQueriesOpen.dec();
    }
  }
}

function queryRequest(sql: string, properties: unknown, sessionVariables: unknown): QueryRequest {
  return {
    sql,
    ...(properties ? { properties: properties as Record<string, unknown> } : {}),
    ...(sessionVariables ? { sessionVariables: sessionVariables as Record<string, unknown> } : {}),
  };
}

/**
 * `POST /query`: the v1 endpoint (body `ksql`, `streamsProperties`), served like ksqlDB's migrated
 * handler: v1 StreamedRow array by default and for JSON types, delimited on request.
 */
export const queryRoute: Route = {
  method: 'POST',
  path: '/query',
  endpoint: '/query',
  handle: async (request: Request, response, context) => {
    const accepted = negotiate(request.headers.accept, [delimited, v1, json], v1);
    if (!accepted) return sendText(response, 406, 'Not Acceptable');
    const body = await readJsonObject(request, context.limits.maxRequestBytes);
    if (typeof body['ksql'] !== 'string') throw missingField('ksql');
    const query = queryRequest(
      body['ksql'],
      optionalMap(body, 'streamsProperties'),
      optionalMap(body, 'sessionVariables'),
    );
    await runQuery(
      query,
      accepted === delimited ? 'delimited' : 'v1',
      response,
      context,
      '/query',
      connectionOf(request),
    );
  },
};

/**
 * `POST /query-stream`: body `sql`, `properties`; delimited by default, a JSON array for
 * `application/json`, the v1 array for `application/vnd.ksql.v1+json` (what the Java client asks).
 */
export const queryStreamRoute: Route = {
  method: 'POST',
  path: '/query-stream',
  endpoint: '/query-stream',
  handle: async (request, response, context) => {
    const accepted = negotiate(request.headers.accept, [delimited, json, v1], delimited);
    if (!accepted) return sendText(response, 406, 'Not Acceptable');
    const body = await readJsonObject(request, context.limits.maxRequestBytes);
    if (typeof body['sql'] !== 'string') throw missingField('sql');
    const query = queryRequest(
      body['sql'],
      optionalMap(body, 'properties'),
      optionalMap(body, 'sessionVariables'),
    );
    const kind: FramingKind = accepted === v1 ? 'v1' : accepted === json ? 'json' : 'delimited';
    await runQuery(query, kind, response, context, '/query-stream', connectionOf(request));
  },
};

/** `POST /close-query` `{"queryId": ...}`: ends a push query; 200 with an empty body. */
export const closeQueryRoute: Route = {
  method: 'POST',
  path: '/close-query',
  endpoint: '/close-query',
  handle: async (request, response, { engine, limits }) => {
    const body = await readJsonObject(request, limits.maxRequestBytes);
    const queryId = body['queryId'];
    if (typeof queryId !== 'string') throw missingField('queryId');
    if (!(await engine.closeQuery(queryId))) throw badRequest(`No query with id ${queryId}`);
    response.writeHead(200, { 'content-length': 0 });
    response.end();
  },
};
