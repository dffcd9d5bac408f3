import { describe, expect, it } from 'vitest';
import { StateStore } from './state-store.js';
import type { ConsumedRecord } from './topic-store.js';

const TOPIC = 'app-Aggregate-changelog';

function changelog(entries: [string, unknown][]): ConsumedRecord[] {
  return entries.map(([key, value], offset) => ({
    topic: TOPIC,
    partition: 0,
    offset,
    timestamp: 1,
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(JSON.stringify(value)),
  }));
}

function captured(store: StateStore<unknown>): Record<string, string> {
  const { keys, values } = store.capture();
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!.toString()]).sort());
}

describe.each([true, false])('StateStore (tracking written content: %s)', (tracking) => {
  function restored(entries: [string, unknown][]): StateStore<{ n: number }> {
    const store = new StateStore<{ n: number }>('Aggregate', TOPIC);
    if (tracking) store.trackWritten();
    store.restore(changelog(entries));
    return store;
  }

  it('replays a changelog: last write per key wins, null deletes', () => {
    const store = restored([
      ['a', { $o: { n: 1 } }],
      ['b', { $o: { n: 2 } }],
      ['a', { $o: { n: 3 } }],
      ['b', null],
    ]);
    expect(store.get('a')).toEqual({ n: 3 });
    expect(store.get('b')).toBeUndefined();
    expect([...store.map.keys()]).toEqual(['a']);
  });

  it('reads a key deleted in this batch as absent, in gets and scans, and writes its tombstone', () => {
    const store = restored([
      ['a', { $o: { n: 1 } }],
      ['b', { $o: { n: 2 } }],
    ]);
    store.delete('a', 5);
    expect(store.get('a')).toBeUndefined();
    expect([...store.map.keys()]).toEqual(['b']);
    store.delete('missing', 5);
    const out = store.drain();
    expect(out.map((r) => [r.key?.toString(), r.value])).toEqual([['a', null]]);
    expect(store.get('a')).toBeUndefined();
  });

  it('writes the latest value of a key put, deleted and put again within a batch', () => {
    const store = restored([['a', { $o: { n: 1 } }]]);
    store.put('a', { n: 2 }, 1);
    store.delete('a', 2);
    store.put('a', { n: 3 }, 3);
    store.put('c', { n: 4 }, 3);
    store.delete('c', 4);
    const out = store.drain();
    expect(out.map((r) => [r.key?.toString(), r.value?.toString() ?? null, r.timestamp])).toEqual([
      ['a', '{"$o":{"n":3}}', 3],
      ['c', null, 4],
    ]);
    expect(store.get('a')).toEqual({ n: 3 });
    expect(store.get('c')).toBeUndefined();
  });

  it('scans restored values without caching them, keeping values already in use', () => {
    const store = restored(Array.from({ length: 25 }, (_, i) => [`k${i}`, { $o: { n: i } }]));
    const early = store.get('k3')!;
    store.put('k4', { n: 40 }, 1);
    store.delete('k5', 1);
    const scanned = [...store.values()];
    expect(scanned).toHaveLength(24);
    expect(scanned[0]).toBe(early);
    expect(scanned.map((v) => v.n).sort((a, b) => a - b)).toEqual([
      ...Array.from({ length: 25 }, (_, i) => i).filter((i) => i !== 4 && i !== 5),
      40,
    ]);
    expect(store.get('k6')).not.toBe(scanned.find((v) => v.n === 6));
    expect(store.map.size).toBe(24);
    expect([...store.values()]).toEqual([...store.map.values()]);
  });

  if (tracking) {
    it('captures the written content: drains change it, puts and deletes before their drain do not', () => {
      const store = restored([
        ['a', { $o: { n: 1 } }],
        ['b', { $o: { n: 2 } }],
      ]);
      const version = store.version;
      store.put('a', { n: 10 }, 1);
      store.delete('b', 1);
      store.put('c', { n: 3 }, 1);
      expect(captured(store as StateStore<unknown>)).toEqual({ a: '{"$o":{"n":1}}', b: '{"$o":{"n":2}}' });
      expect(store.version).toBe(version);
      store.drain();
      expect(captured(store as StateStore<unknown>)).toEqual({ a: '{"$o":{"n":10}}', c: '{"$o":{"n":3}}' });
      expect(store.version).toBe(version + 1);
    });

    it('loads a snapshot, then its changelog tail over it', () => {
      const store = new StateStore<{ n: number }>('Aggregate', TOPIC);
      store.trackWritten();
      store.load({
        keys: ['a', 'b'],
        values: [Buffer.from('{"$o":{"n":1}}'), Buffer.from('{"$o":{"n":2}}')],
      });
      store.restore(
        changelog([
          ['b', null],
          ['c', { $o: { n: 3 } }],
        ]),
      );
      expect(Object.fromEntries([...store.map].map(([k, v]) => [k, v.n]))).toEqual({ a: 1, c: 3 });
      expect(captured(store as StateStore<unknown>)).toEqual({ a: '{"$o":{"n":1}}', c: '{"$o":{"n":3}}' });
    });
  } else {
    it('keeps no copy of the written content', () => {
      const store = restored([['a', { $o: { n: 1 } }]]);
      expect(() => store.capture()).toThrow(/does not track/);
    });
  }
});

describe('StateStore value decoding', () => {
  it('decodes every kind of value exactly as fromTagged does', async () => {
    const { Decimal, fromTagged, newStruct, toTagged } = await import('../analyzer/index.js');
    const struct = (fields: Record<string, unknown>) => Object.assign(newStruct(), fields);
    const values: unknown[] = [
      null,
      7,
      'text',
      true,
      [1, [2, [3, null]], 'x'],
      12345678901234567890n,
      Decimal.parse('-12.30'),
      Buffer.from([0, 1, 255]),
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      new Map<unknown, unknown>([
        ['a', 1n],
        ['b', struct({ c: [Decimal.parse('1.5')] })],
      ]),
      new Set(['x', 'y']),
      struct({ $dollar: 1, $$two: 2, plain: struct({ inner: [1n, null] }), '0': 'zero' }),
      { key: ['voter-1'], accs: [[true, 'cand-2'], 1n], ts: 1_795_621_292_624, passed: true },
    ];
    const store = new StateStore<unknown>('S', TOPIC);
    const bytes = values.map((v) => JSON.stringify(toTagged(v)));
    store.restore(changelog(bytes.map((b, i) => [`k${i}`, JSON.parse(b)])));
    values.forEach((v, i) => {
      const decoded = store.get(`k${i}`) ?? null;
      const reference = fromTagged(JSON.parse(bytes[i]!));
      expect(decoded, `value ${i}`).toStrictEqual(reference);
      expect(decoded, `value ${i}`).toEqual(v);
      if (typeof reference === 'object' && reference !== null)
        expect(Object.getPrototypeOf(decoded), `value ${i}`).toBe(Object.getPrototypeOf(reference));
    });
  });
});

describe('StateStore with a bounded decoded cache (trackWritten(limit))', () => {
  function filled(limit: number, keys: number) {
    const store = new StateStore<{ n: number }>('Source', TOPIC);
    store.trackWritten(limit);
    const written = new Map<string, { n: number }>();
    for (let i = 0; i < keys; i++) {
      const value = { n: i };
      written.set(`k${i}`, value);
      store.put(`k${i}`, value, i);
      if (i % 10 === 9) store.drain();
    }
    store.drain();
    return { store, written };
  }

  it('keeps the newest values decoded and the older ones as bytes, answering every key the same', () => {
    const { store, written } = filled(20, 100);
    // The oldest values were dropped from the cache: read again, they are equal copies.
    expect(store.get('k0')).toEqual({ n: 0 });
    expect(store.get('k0')).not.toBe(written.get('k0'));
    expect(store.get('k99')).toBe(written.get('k99'));
    for (const [k, v] of written) expect(store.get(k)).toEqual(v);
    expect([...store.values()].map((v) => v.n).sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(Object.keys(captured(store))).toHaveLength(100);
  });

  it('forgets deleted keys and writes them as tombstones, evicted or not', () => {
    const { store } = filled(20, 100);
    store.delete('k1', 200);
    store.delete('k98', 200);
    expect(store.drain().map((r) => [r.key?.toString(), r.value])).toEqual([
      ['k1', null],
      ['k98', null],
    ]);
    expect(store.get('k1')).toBeUndefined();
    expect(store.get('k98')).toBeUndefined();
    expect(Object.keys(captured(store))).toHaveLength(98);
  });

  it('stops evicting once the whole map is read (sessions and EMIT FINAL iterate it)', () => {
    const { store } = filled(20, 100);
    expect(store.map.size).toBe(100);
    const first = { n: 100 };
    store.put('k100', first, 100);
    for (let i = 101; i < 200; i++) store.put(`k${i}`, { n: i }, i);
    store.drain();
    // Beyond the limit of 20, but the store keeps every value decoded now.
    expect(store.get('k100')).toBe(first);
    expect(store.map.size).toBe(200);
  });
});
