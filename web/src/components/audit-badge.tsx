import type { Client } from '@urql/core';
import { createSignal, onCleanup, Show } from 'solid-js';
import { formatInt } from '../data/format.js';
import type { AuditQuery } from '../generated/graphql.js';
import { AUDIT_QUERY } from '../graphql/operations.js';

/** How often the audit is asked for. */
const AUDIT_POLL_MS = 5_000;

/**
 * The audit badge: polls PostgreSQL-vs-live-tables and shows "Audited" when every candidate's counts
 * agree; while the live tables catch up it says so, with both totals.
 */
export function AuditBadge(props: { client: Client }) {
  const [audit, setAudit] = createSignal<AuditQuery['audit']>();
  const poll = async (): Promise<void> => {
    const result = await props.client.query<AuditQuery>(AUDIT_QUERY, {}).toPromise();
    if (result.data) setAudit(result.data.audit);
  };
  void poll();
  const timer = setInterval(() => void poll(), AUDIT_POLL_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <Show when={audit()}>
      {(a) => (
        <span
          class="audit"
          classList={{ 'audit-ok': a().consistent }}
          data-testid="audit"
          title={`PostgreSQL ${formatInt(a().postgresTotal)} votes · live tables ${formatInt(a().liveTotal)} · checked ${new Date(a().checkedAt).toLocaleTimeString()}`}
        >
          <Show
            when={a().consistent}
            fallback={
              <>
                Audit: counting ({formatInt(a().liveTotal)} of {formatInt(a().postgresTotal)})
              </>
            }
          >
            <svg class="audit-icon" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" />
            </svg>
            Audited: PostgreSQL matches live results
          </Show>
        </span>
      )}
    </Show>
  );
}
