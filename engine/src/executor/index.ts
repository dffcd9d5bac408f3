/**
 * The executor's public surface: `createKsqlEngine` (what the REST server and the CLI call) and
 * the `KsqlEngine` contract types.
 */
import type { Logger } from '@tally/common';
import type { TopicStore } from '../runtime/topic-store.js';
import type { KsqlEngine } from './engine.js';
import { EngineCore } from './engine-core.js';

export type * from './engine.js';
export { EngineCore } from './engine-core.js';

export interface CreateEngineOptions {
  store: TopicStore;
  serviceId: string;
  logger: Logger;
  stateDir?: string;
  /** State snapshots in `stateDir` every this many ms and at a graceful stop; 0 or absent: off. */
  snapshotIntervalMs?: number;
  /** With snapshots: values each state store keeps decoded (the rest stay as bytes); default all. */
  stateCacheEntries?: number;
  /** Server-level properties, e.g. 'ksql.streams.auto.offset.reset', 'ksql.streams.processing.guarantee'. */
  config?: Record<string, string>;
}

/**
 * Creates the engine and replays its command topic; resolves once it is ready to serve
 * (`health().serverState` is INITIALIZING until then on the returned core, see `createEngineCore`).
 */
export async function createKsqlEngine(options: CreateEngineOptions): Promise<KsqlEngine> {
  const core = createEngineCore(options);
  await core.start();
  return core;
}

/** The engine before start: lets a server answer 503 "Server initializing" while `start()` replays. */
export function createEngineCore(options: CreateEngineOptions): EngineCore {
  return new EngineCore(options);
}
