import { describe, expect, test } from 'vitest';
import {
  type ConnectionEvent,
  type ConnectionPhase,
  initialConnectionState,
  nextConnectionState,
  OFFLINE_AFTER_FAILURES,
  retryDelayMs,
} from './connection-status.js';

function phases(events: ConnectionEvent['type'][]): ConnectionPhase[] {
  let state = initialConnectionState;
  return events.map((type) => {
    state = nextConnectionState(state, { type });
    return state.phase;
  });
}

describe('connection indicator', () => {
  test('connecting, then live', () => {
    expect(phases(['connecting', 'connected'])).toEqual(['connecting', 'live']);
  });

  test('an API restart: live, reconnecting while it is down, live again', () => {
    expect(
      phases(['connecting', 'connected', 'closed', 'connecting', 'closed', 'connecting', 'connected']),
    ).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'live']);
  });

  test('offline after repeated failures, and whenever the browser has no network', () => {
    const failures = Array.from(
      { length: OFFLINE_AFTER_FAILURES },
      () => ['connecting', 'closed'] as const,
    ).flat();
    expect(phases([...failures]).at(-1)).toBe('offline');
    expect(phases(['connected', 'browser-offline'])).toEqual(['live', 'offline']);
    expect(phases(['connected', 'browser-offline', 'closed', 'browser-online'])).toEqual([
      'live',
      'offline',
      'offline',
      'reconnecting',
    ]);
  });

  test('backs off exponentially to a 10 s cap, with jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((n) => retryDelayMs(n, mid))).toEqual([500, 1000, 2000, 4000, 10_000]);
    expect(retryDelayMs(0, () => 0)).toBe(400);
    expect(retryDelayMs(0, () => 1)).toBe(600);
  });
});
