import { describe, expect, test } from 'vitest';
import { animationFrame } from './frame-store.js';
import { parseRefreshMode, refreshModeValue, schedulerFor } from './refresh-mode.js';

describe('refresh modes', () => {
  test('round-trip through the select value', () => {
    for (const mode of [{ kind: 'live' }, { kind: 'paused' }, { kind: 'interval', seconds: 10 }] as const) {
      expect(parseRefreshMode(refreshModeValue(mode))).toEqual(mode);
    }
    expect(parseRefreshMode('nonsense')).toEqual({ kind: 'live' });
    expect(parseRefreshMode('-5')).toEqual({ kind: 'live' });
  });

  test('live flushes per animation frame, paused never, an interval after its seconds', () => {
    expect(schedulerFor({ kind: 'live' })).toBe(animationFrame);
    expect(schedulerFor({ kind: 'paused' })).toBeNull();
    expect(typeof schedulerFor({ kind: 'interval', seconds: 5 })).toBe('function');
  });
});
