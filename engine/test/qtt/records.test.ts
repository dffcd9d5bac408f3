import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/analyzer/index.js';
import { encodeInput } from './records.js';

const source = {
  name: 'T',
  topic: 't',
  keyFormat: 'JSON',
  valueFormat: 'JSON',
  columns: [
    { name: 'ID', type: { kind: 'STRING' }, namespace: 'KEY' },
    { name: 'V', type: { kind: 'STRING' }, namespace: 'VALUE' },
  ],
} as unknown as DataSource;

describe('QTT input records', () => {
  it('writes JSON keys and values as JSON text, a string with its quotes', () => {
    const r = encodeInput({ topic: 't', key: 'k', value: 'v' } as never, source);
    expect(r.key?.toString()).toBe('"k"');
    expect(r.value?.toString()).toBe('"v"');
    expect(encodeInput({ topic: 't', key: 'k', value: { V: 'v' } } as never, source).value?.toString()).toBe(
      '{"V":"v"}',
    );
  });
});
