import { ErrorCodes } from '../../errors.js';
import type { Route } from '../context.js';
import { genericError } from '../errors.js';
import { sendJson } from '../http.js';
import type { KafkaHealth } from '../kafka-health.js';

/** `GET /info`: `{"KsqlServerInfo":{version, kafkaClusterId, ksqlServiceId, serverStatus}}`. */
export const infoRoute: Route = {
  method: 'GET',
  path: '/info',
  endpoint: '/info',
  handle: async (_request, response, { engine }) =>
    sendJson(response, 200, { KsqlServerInfo: engine.info() }),
};

/**
 * `GET /healthcheck`: ksqlDB's `{isHealthy, details: {metastore, kafka, commandRunner}, serverState}`,
 * 200 when every detail is healthy, 503 with the same body otherwise. `details.kafka` is the
 * brokers' probed health (`watchKafkaHealth`, cached: no broker round trip per request) when given.
 */
export function healthcheckRoute(kafka?: KafkaHealth): Route {
  return {
    method: 'GET',
    path: '/healthcheck',
    endpoint: '/healthcheck',
    handle: async (_request, response, { engine }) => {
      const health = engine.health();
      const details = kafka ? { ...health.details, kafka: { isHealthy: kafka.isHealthy() } } : health.details;
      const isHealthy = Object.values(details).every((detail) => detail.isHealthy);
      sendJson(response, isHealthy ? 200 : 503, { ...health, isHealthy, details });
    },
  };
}

/** `GET /status`: every known command's status. */
export const statusesRoute: Route = {
  method: 'GET',
  path: '/status',
  endpoint: '/status',
  handle: async (_request, response, { engine }) =>
    sendJson(response, 200, { commandStatuses: engine.commandStatuses() }),
};

/** `GET /status/{type}/{entity}/{action}` (URL-encoded back-quotes): one command's status, or 404/40400. */
export const statusRoute: Route = {
  method: 'GET',
  path: /^\/status\/([^/]+)\/([^/]+)\/([^/]+)$/,
  endpoint: '/status/{type}/{entity}/{action}',
  handle: async (_request, response, { engine }, params) => {
    const commandId = params.map((part) => decodeURIComponent(part)).join('/');
    const status = engine.commandStatus(commandId);
    if (!status) throw genericError(404, ErrorCodes.NOT_FOUND, `Command not found: ${commandId}`);
    sendJson(response, 200, status);
  },
};

/** `GET /`: 307 to `/info`, as ksqlDB does. */
export const rootRoute: Route = {
  method: 'GET',
  path: '/',
  endpoint: '/',
  needsEngine: false,
  handle: async (_request, response) => {
    response.writeHead(307, { location: '/info', 'content-length': 0 });
    response.end();
  },
};

/** `GET /chc/live` and `/chc/ready`: `{}` (Confluent health checks). Ready waits for the engine. */
export const liveRoute: Route = {
  method: 'GET',
  path: '/chc/live',
  endpoint: '/chc/live',
  needsEngine: false,
  handle: async (_request, response) => sendJson(response, 200, {}),
};

export const readyRoute: Route = {
  method: 'GET',
  path: '/chc/ready',
  endpoint: '/chc/ready',
  handle: async (_request, response) => sendJson(response, 200, {}),
};
