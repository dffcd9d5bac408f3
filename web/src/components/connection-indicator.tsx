import type { ConnectionPhase } from '../client/connection-status.js';

const LABELS: Record<ConnectionPhase, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** The live / reconnecting / offline pill; announced politely to screen readers as it changes. */
export function ConnectionIndicator(props: { phase: ConnectionPhase }) {
  return (
    <span
      class="connection"
      data-phase={props.phase}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      <span class="connection-dot" aria-hidden="true" />
      {LABELS[props.phase]}
    </span>
  );
}
