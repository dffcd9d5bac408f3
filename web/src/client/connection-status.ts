/**
 * The live / reconnecting / offline indicator as a pure reducer over graphql-ws client events, so
 * the rules are testable without a socket.
 */

/** What the header shows. `connecting` only before the first connection. */
export type ConnectionPhase = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** A graphql-ws client event or a browser network event. */
export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'closed' }
  | { type: 'browser-offline' }
  | { type: 'browser-online' };

/** The indicator's state. */
export interface ConnectionState {
  phase: ConnectionPhase;
  /** Failed attempts since the last successful connection. */
  failures: number;
  /** True once a connection has succeeded. */
  everConnected: boolean;
  /** The browser says it has no network. */
  browserOffline: boolean;
}

/** Consecutive failed attempts after which the page says "offline" (it keeps retrying). */
export const OFFLINE_AFTER_FAILURES = 6;

/** The state before any event. */
export const initialConnectionState: ConnectionState = {
  phase: 'connecting',
  failures: 0,
  everConnected: false,
  browserOffline: false,
};

/** Applies one event. */
export function nextConnectionState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connected':
      return { ...state, phase: 'live', failures: 0, everConnected: true, browserOffline: false };
    case 'connecting':
      return { ...state, phase: downPhase(state, state.failures) };
    case 'closed': {
      const failures = state.failures + 1;
      return { ...state, failures, phase: downPhase(state, failures) };
    }
    case 'browser-offline':
      return { ...state, browserOffline: true, phase: 'offline' };
    case 'browser-online': {
      const online = { ...state, browserOffline: false };
      return { ...online, phase: state.phase === 'live' ? 'live' : downPhase(online, 0) };
    }
  }
}

function downPhase(state: ConnectionState, failures: number): ConnectionPhase {
  if (state.browserOffline || failures >= OFFLINE_AFTER_FAILURES) return 'offline';
  if (state.everConnected || failures > 0) return 'reconnecting';
  return 'connecting';
}

/** Delay before retry number `attempt` (0-based): exponential from 500 ms, capped at 10 s, ±20 %. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}
