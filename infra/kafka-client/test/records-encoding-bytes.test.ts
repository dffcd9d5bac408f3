import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Tally's kafkajs patch encodes a whole uncompressed partition batch's records in one buffer
 * (`encodeRecords`). It must write exactly the bytes of the records encoded one by one (`Record`,
 * itself checked against kafkajs's original encoder when it was patched) behind an int32 count —
 * the RECORDS array of a record batch — or answer null to take the general path.
 */
const require = createRequire(import.meta.url);
type Message = { key?: unknown; value?: unknown; timestamp?: unknown; headers?: Record<string, unknown> };
interface EncoderLike {
  writeArray(items: EncoderLike[]): EncoderLike;
  buffer: Buffer;
}
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as ((args: object) => EncoderLike) & {
  encodeRecords(messages: Message[], firstTimestamp: number, dateNow: number): Buffer | null;
};
const Encoder = require('kafkajs/src/protocol/encoder') as new () => EncoderLike;

function oneByOne(messages: Message[], firstTimestamp: number, dateNow: number): Buffer {
  const records = messages.map((m, i) =>
    Record({
      key: m.key,
      value: m.value,
      headers: m.headers,
      offsetDelta: i,
      timestampDelta: (m.timestamp != null ? Number(m.timestamp) : dateNow) - firstTimestamp,
    }),
  );
  return new Encoder().writeArray(records).buffer;
}

const data = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 20_000, minLength: 150 }),
);
const message = fc.record(
  {
    key: data,
    value: data,
    timestamp: fc.oneof(
      fc.integer({ min: 0, max: 4_000_000_000 }),
      fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
      fc.constant(undefined),
    ),
  },
  { requiredKeys: ['key', 'value'] },
);

describe('encodeRecords (patched kafkajs)', () => {
  it('writes the bytes of the records encoded one by one', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 40 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (ms, first) => {
          const dateNow = first + 1_000;
          const batch = Record.encodeRecords(ms, first, dateNow);
          const deltas = ms.map((m) => (m.timestamp != null ? Number(m.timestamp) : dateNow) - first);
          if (deltas.some((d) => (d | 0) !== d)) expect(batch).toBeNull();
          else expect(batch?.toString('hex')).toBe(oneByOne(ms, first, dateNow).toString('hex'));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('leaves headers and keys that are neither strings nor buffers to the general path', () => {
    expect(Record.encodeRecords([{ key: 'k', value: 'v', headers: { h: 'x' } }], 0, 0)).toBeNull();
    expect(Record.encodeRecords([{ key: 7, value: 'v' }], 0, 0)).toBeNull();
    expect(Record.encodeRecords([{ key: 'k', value: 'v', headers: {} }], 0, 0)?.toString('hex')).toBe(
      oneByOne([{ key: 'k', value: 'v' }], 0, 0).toString('hex'),
    );
  });
});
