import type { Logger } from '@tally/common';
import type { KsqlEngine } from '../executor/engine.js';
import type { Request, Response } from './http.js';
import type { PerConnection, ServerLimits } from './limits.js';
import type { ServerMetrics } from './metrics.js';
import type { PushQueryRegistry } from './push-queries.js';

/** What a route handler may use. */
export interface RouteContext {
  engine: KsqlEngine;
  logger: Logger;
  pushQueries: PushQueryRegistry;
  metrics: ServerMetrics;
  /** How long `/ksql` waits for a `commandSequenceNumber` (ksqlDB: 5000 ms). */
  commandTimeoutMs: number;
  /** Request, statement, per-connection and slow-client limits. */
  limits: ServerLimits;
  /** Push queries open per connection (bounded by `limits.maxPushQueriesPerConnection`). */
  pushQueriesPerConnection: PerConnection;
}

/** Handles one request; throws `KsqlError` for error envelopes. `params` are the path's captures. */
export type RouteHandler = (
  request: Request,
  response: Response,
  context: RouteContext,
  params: string[],
) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a pattern whose groups become `params`. */
  path: string | RegExp;
  /** Label for metrics (the path template). */
  endpoint: string;
  /** False for routes that answer while the engine is still starting (`/chc/live`, `/metrics`). */
  needsEngine?: boolean;
  handle: RouteHandler;
}
