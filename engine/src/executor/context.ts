/** The state one /ksql request's statements share while they are validated or executed. */
import type { Metastore } from './metastore.js';

export interface ExecContext {
  meta: Metastore;
  /** Validation only: mutate `meta` (a clone), no topics, queries or produced records. */
  sandbox: boolean;
  /** streamsProperties + SET overrides (scoped to the request). */
  props: Record<string, string>;
  vars: Map<string, string>;
  /** Topics the sandbox pretends were created by earlier statements of the request. */
  pendingTopics: Set<string>;
  /** Command sequence number assigned to the current statement (its command-topic offset). */
  seq: number;
  /** Replaying the command topic: keep ids, don't touch topics, start queries at the end. */
  replay?: { queryId?: string };
}

/** A property override, accepting names with or without the `ksql.streams.` prefix. */
export function prop(
  ctx: { props: Record<string, string> },
  config: Record<string, string>,
  name: string,
): string | undefined {
  return (
    ctx.props[`ksql.streams.${name}`] ?? ctx.props[name] ?? config[`ksql.streams.${name}`] ?? config[name]
  );
}
