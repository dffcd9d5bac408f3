import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotError,
  type SnapshotHeader,
  snapshotChunks,
} from './codec.js';

function header(entries: number, extra: Partial<SnapshotHeader> = {}): SnapshotHeader {
  return {
    format: 1,
    topic: '_confluent-ksql-t_query_CTAS_X_1-Aggregate-Aggregate-Materialize-changelog',
    store: 'Aggregate',
    clusterId: 'cluster-1',
    positions: [{ partition: 0, offset: 42 }],
    entries,
    createdAt: 1_700_000_000_000,
    ...extra,
  };
}

function content(n: number, valueBytes = 20) {
  const keys = Array.from({ length: n }, (_, i) => `key-${i}`);
  const values = keys.map((k) => Buffer.from(`{"v":"${k.padEnd(valueBytes, 'x')}"}`));
  return { keys, values };
}

/** Re-seals bytes with a valid checksum (to reach the checks behind it). */
function reseal(body: Buffer): Buffer {
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(body), 0);
  return Buffer.concat([body, trailer]);
}

describe('snapshot codec', () => {
  it('round-trips keys and value bytes, header included', () => {
    const keys = ['', 'plain', 'ünïcødé 🗳️', '["a",1]'];
    const values = [
      Buffer.alloc(0),
      Buffer.from('{"$o":{"n":1}}'),
      Buffer.from([0, 255, 10]),
      Buffer.from('x'),
    ];
    const decoded = decodeSnapshot(encodeSnapshot(header(4), { keys, values }));
    expect(decoded.header).toEqual(header(4));
    expect(decoded.content.keys).toEqual(keys);
    expect(decoded.content.values.map((v) => [...v])).toEqual(values.map((v) => [...v]));
  });

  it('writes a value kept as text exactly as its UTF-8 bytes', () => {
    const keys = ['a', 'b', 'c'];
    const texts = ['{"$o":{"NAME":"Zoë 🗳️"}}', '', 'x'.repeat(3_000)];
    const asText = encodeSnapshot(header(3), { keys, values: texts });
    const asBytes = encodeSnapshot(header(3), { keys, values: texts.map((t) => Buffer.from(t)) });
    expect(asText.equals(asBytes)).toBe(true);
    expect(decodeSnapshot(asText).content.values.map((v) => v.toString())).toEqual(texts);
  });

  it('round-trips an empty store', () => {
    const decoded = decodeSnapshot(encodeSnapshot(header(0), { keys: [], values: [] }));
    expect(decoded.content).toEqual({ keys: [], values: [] });
  });

  it('streams many entries in chunks, values larger than a chunk included', () => {
    const { keys, values } = content(5_000);
    values[17] = Buffer.alloc(10_000, 7);
    const chunks = [...snapshotChunks(header(keys.length), { keys, values }, 4096)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.at(-1)).toHaveLength(4);
    const decoded = decodeSnapshot(Buffer.concat(chunks));
    expect(decoded.content.keys).toEqual(keys);
    expect(decoded.content.values[17]!.equals(values[17]!)).toBe(true);
    expect(decoded.content.values[4_999]!.toString()).toBe(values[4_999]!.toString());
  });

  it('refuses a flipped byte anywhere (checksum)', () => {
    const bytes = encodeSnapshot(header(100), content(100));
    for (const at of [0, 9, 20, Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
      const corrupt = Buffer.from(bytes);
      corrupt[at]! ^= 0x01;
      expect(() => decodeSnapshot(corrupt), `byte ${at}`).toThrow(SnapshotError);
    }
  });

  it('refuses a truncated file, an empty file and another file type', () => {
    const bytes = encodeSnapshot(header(100), content(100));
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1))).toThrow(/checksum/);
    expect(() => decodeSnapshot(bytes.subarray(0, 100))).toThrow(SnapshotError);
    expect(() => decodeSnapshot(Buffer.alloc(0))).toThrow(/not a state snapshot/);
    expect(() => decodeSnapshot(Buffer.from('{"format":1}'.padEnd(64, ' ')))).toThrow(/not a state snapshot/);
  });

  it('refuses a well-sealed file whose header or entries do not add up', () => {
    const bytes = encodeSnapshot(header(3), content(3));
    const body = bytes.subarray(0, bytes.length - 4);
    // One entry fewer than the header announces.
    const lastEntry = 4 + 'key-2'.length + 4 + content(3).values[2]!.length;
    expect(() => decodeSnapshot(reseal(body.subarray(0, body.length - lastEntry)))).toThrow(/past the end/);
    // Bytes after the last entry.
    expect(() => decodeSnapshot(reseal(Buffer.concat([body, Buffer.from([1, 2])])))).toThrow(
      /after the last entry/,
    );
    // A header of another format version.
    const other = encodeSnapshot({ ...header(0), format: 2 } as unknown as SnapshotHeader, {
      keys: [],
      values: [],
    });
    expect(() => decodeSnapshot(other)).toThrow(/unreadable header/);
  });

  it('refuses to write a header that does not match the content', () => {
    expect(() => encodeSnapshot(header(2), content(3))).toThrow(/3 keys/);
  });
});
