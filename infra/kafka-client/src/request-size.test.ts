import { describe, expect, it } from 'vitest';
import { splitBySize } from './request-size.js';

const record = (value: string) => ({ key: 'k', value });

describe('splitBySize', () => {
  it('keeps a small send in one request', () => {
    const batch = [
      { topic: 'a', records: [record('1'), record('2')] },
      { topic: 'b', records: [record('3')] },
    ];
    expect(splitBySize(batch, 10_000)).toEqual([batch]);
  });

  it('splits under the byte limit, keeping each topic in order and nothing lost', () => {
    const records = Array.from({ length: 1_000 }, (_, i) => record(`value-${i}`.padEnd(100, '.')));
    const requests = splitBySize(
      [
        { topic: 'sink', records },
        { topic: 'changelog', records: records.slice(0, 10) },
      ],
      10_000,
    );
    expect(requests.length).toBeGreaterThan(10);
    for (const request of requests) {
      const bytes = request
        .flatMap((e) => e.records)
        .reduce((n, r) => n + 24 + 1 + String(r.value).length, 0);
      expect(bytes).toBeLessThanOrEqual(10_000);
    }
    const sent = (topic: string) =>
      requests.flatMap((request) => request.filter((e) => e.topic === topic).flatMap((e) => e.records));
    expect(sent('sink')).toEqual(records);
    expect(sent('changelog')).toEqual(records.slice(0, 10));
  });

  it('sends a record larger than the limit alone', () => {
    const big = record('x'.repeat(5_000));
    expect(splitBySize([{ topic: 't', records: [record('a'), big, record('b')] }], 1_000)).toEqual([
      [{ topic: 't', records: [record('a')] }],
      [{ topic: 't', records: [big] }],
      [{ topic: 't', records: [record('b')] }],
    ]);
  });
});
