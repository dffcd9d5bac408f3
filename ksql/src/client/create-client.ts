import { KsqlClientError } from '../errors.js';
import { parseLossless, stringifyLossless, toKsqlValue } from '../json/lossless.js';
import { acceptHeader, createDecoder, decodeRow } from './framing/index.js';
import { createInserter } from './inserts.js';
import { createPushQuery } from './push-query.js';
import { createEventReader, missingHeaderError } from './response-events.js';
import { createTransport, type HttpResponse } from './transport.js';
import type {
  HealthCheck,
  KsqlClient,
  KsqlClientOptions,
  KsqlEntity,
  PullResult,
  QueryOptions,
  ServerInfo,
} from './types.js';

const V1 = 'application/vnd.ksql.v1+json';

/**
 * Creates a ksqlDB REST client (real ksqlDB or the embedded engine). Statements go to /ksql, queries
 * to /query-stream in the requested format, inserts to /inserts-stream (HTTP/2 only).
 */
export function createKsqlClient(options: KsqlClientOptions): KsqlClient {
  const transport = createTransport(options);

  const readJson = async (response: HttpResponse): Promise<unknown> => {
    const text = await response.body.text();
    try {
      return toKsqlValue(parseLossless(text));
    } catch (error) {
      throw new KsqlClientError(`expected a JSON body, found: ${text.slice(0, 200)}`, {
        status: response.status,
        errorCode: 0,
        code: 'KSQL_PROTOCOL',
        cause: error,
      });
    }
  };

  const startQuery = async (sql: string, queryOptions: QueryOptions, streaming: boolean) => {
    const format = queryOptions.format ?? 'delimited';
    const response = await transport.send({
      method: 'POST',
      path: '/query-stream',
      accept: acceptHeader[format],
      body: stringifyLossless({
        sql,
        properties: queryOptions.properties ?? {},
        sessionVariables: queryOptions.variables ?? {},
      }),
      signal: queryOptions.signal,
      streaming,
      idempotent: !streaming,
    });
    const reader = createEventReader(response.body, createDecoder(format));
    const first = await reader.next();
    if (first === undefined) throw missingHeaderError('/query-stream');
    if (first.kind === 'error') throw first.error;
    if (first.kind !== 'header') throw missingHeaderError('/query-stream');
    return { response, reader, header: first.header, types: first.types };
  };

  const closeQuery = async (queryId: string): Promise<void> => {
    const response = await transport.send({
      method: 'POST',
      path: '/close-query',
      accept: 'application/json',
      body: JSON.stringify({ queryId }),
      idempotent: true,
    });
    await response.body.dump();
  };

  return {
    async execute(ksql, statementOptions = {}) {
      const response = await transport.send({
        method: 'POST',
        path: '/ksql',
        accept: V1,
        body: stringifyLossless({
          ksql,
          streamsProperties: statementOptions.properties ?? {},
          sessionVariables: statementOptions.variables ?? {},
          ...(statementOptions.commandSequenceNumber === undefined
            ? {}
            : { commandSequenceNumber: statementOptions.commandSequenceNumber }),
        }),
        signal: statementOptions.signal,
        idempotent: false,
      });
      const entities = await readJson(response);
      if (!Array.isArray(entities)) {
        throw new KsqlClientError('expected a JSON array of entities from /ksql', {
          status: response.status,
          errorCode: 0,
          code: 'KSQL_PROTOCOL',
        });
      }
      return entities as KsqlEntity[];
    },

    async pull(sql, queryOptions = {}): Promise<PullResult> {
      const { reader, header, types } = await startQuery(sql, queryOptions, false);
      const rows = [];
      for (let event = await reader.next(); event !== undefined; event = await reader.next()) {
        if (event.kind === 'error') throw event.error;
        if (event.kind === 'row' && !event.tombstone) rows.push(decodeRow(event.raw, types));
      }
      return { header, rows };
    },

    async push(sql, queryOptions = {}) {
      const started = await startQuery(sql, queryOptions, true);
      return createPushQuery({ ...started, closeOnServer: closeQuery, signal: queryOptions.signal });
    },

    insert: createInserter(transport),
    closeQuery,

    async info(): Promise<ServerInfo> {
      const response = await transport.send({ method: 'GET', path: '/info', accept: V1, idempotent: true });
      const body = (await readJson(response)) as { KsqlServerInfo?: ServerInfo };
      if (!body.KsqlServerInfo) {
        throw new KsqlClientError('expected {"KsqlServerInfo":{...}} from /info', {
          status: response.status,
          errorCode: 0,
          code: 'KSQL_PROTOCOL',
        });
      }
      return body.KsqlServerInfo;
    },

    async healthcheck(): Promise<HealthCheck> {
      const response = await transport.send({
        method: 'GET',
        path: '/healthcheck',
        accept: 'application/json',
        idempotent: true,
        acceptUnavailable: true,
      });
      return (await readJson(response)) as HealthCheck;
    },

    close: () => transport.close(),
  };
}
