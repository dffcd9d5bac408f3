import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { toIncomingRecord } from './consumer.js';

const message = (headers: KafkaMessage['headers']): KafkaMessage =>
  ({
    key: null,
    value: Buffer.from('v'),
    offset: '7',
    timestamp: '10',
    attributes: 0,
    headers,
    size: 0,
  }) as KafkaMessage;

describe('consumed records', () => {
  it('keep every header in order, with repeated keys and null values, in headerList', () => {
    const r = toIncomingRecord('t', 0, message({ a: [Buffer.from('1'), Buffer.from('2')], b: undefined }));
    expect(r.headerList).toEqual([
      { key: 'a', value: Buffer.from('1') },
      { key: 'a', value: Buffer.from('2') },
      { key: 'b', value: null },
    ]);
    expect(r.headers).toEqual({ a: Buffer.from('1') });
  });

  it('share one empty header list when a record has none', () => {
    expect(toIncomingRecord('t', 0, message({})).headerList).toEqual([]);
    expect(toIncomingRecord('t', 0, message(undefined)).headerList).toBe(
      toIncomingRecord('t', 1, message({})).headerList,
    );
  });
});
