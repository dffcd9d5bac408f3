import { describe, expect, it } from 'vitest';
import { createDelimitedDecoder } from './delimited.js';
import { decodeRow, type QueryDecoder, type QueryEvent } from './events.js';
import { createJsonArrayDecoder } from './json-array.js';
import { createV1Decoder, stripFraming } from './v1.js';

/** Feeds `text` in chunks of `size` characters, so that every split point is exercised. */
function feed(decoder: QueryDecoder, text: string, size: number): QueryEvent[] {
  const events: QueryEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...decoder.push(text.slice(i, i + size)));
  events.push(...decoder.end());
  return events;
}

function summary(events: QueryEvent[]) {
  let types: Parameters<typeof decodeRow>[1] = [];
  return events.map((e) => {
    if (e.kind === 'header') {
      types = e.types;
      return { header: e.header };
    }
    if (e.kind === 'row') return { row: decodeRow(e.raw, types), tombstone: e.tombstone };
    if (e.kind === 'final') return { final: e.message };
    return { error: e.error.errorCode, message: e.error.message };
  });
}

const delimited =
  '{"queryId":"transient_VOTES_4391","columnNames":["POLL_ID","VOTES","AVG"],"columnTypes":["STRING","BIGINT","DECIMAL(4, 2)"]}\n' +
  '["p1",3,1.50]\n' +
  '["p,2",9007199254740993,10.00]\n';

const v1 =
  '[{"header":{"queryId":"transient_VOTES_4391","schema":"`POLL_ID` STRING KEY, `VOTES` BIGINT"}},\n' +
  '{"row":{"columns":["p1",3]}},\n' +
  '{"row":{"columns":["p2",null],"tombstone":true}},\n' +
  '{"finalMessage":"Limit Reached"}]';

const json =
  '[{"queryId":"q1","columnNames":["S","N"],"columnTypes":["STRING","BIGINT"]},["a,]\\"[",1],["b",18014398509481985]]';

describe('delimited framing', () => {
  it.each([1, 7, 1000])('reads header and rows in chunks of %i', (size) => {
    expect(summary(feed(createDelimitedDecoder(), delimited, size))).toEqual([
      {
        header: {
          queryId: 'transient_VOTES_4391',
          columns: [
            { name: 'POLL_ID', type: 'STRING', key: false },
            { name: 'VOTES', type: 'BIGINT', key: false },
            { name: 'AVG', type: 'DECIMAL(4, 2)', key: false },
          ],
        },
      },
      { row: ['p1', 3, '1.50'], tombstone: false },
      { row: ['p,2', 9007199254740993n, '10.00'], tombstone: false },
    ]);
  });

  it('turns an error line after the header into an error event', () => {
    const text =
      '{"queryId":"q","columnNames":["A"],"columnTypes":["INTEGER"]}\n[1]\n' +
      '{"@type":"generic_error","error_code":50000,"message":"boom"}\n';
    expect(summary(feed(createDelimitedDecoder(), text, 5)).at(-1)).toEqual({
      error: 50000,
      message: 'boom',
    });
  });

  it('accepts a pull header without queryId', () => {
    const events = feed(createDelimitedDecoder(), '{"columnNames":["A"],"columnTypes":["STRING"]}\n', 100);
    expect(events[0]).toMatchObject({ kind: 'header', header: { queryId: undefined } });
  });
});

describe('v1 framing', () => {
  it.each([1, 3, 1000])('keeps tombstones, KEY markers and the final message (chunks of %i)', (size) => {
    expect(summary(feed(createV1Decoder(), v1, size))).toEqual([
      {
        header: {
          queryId: 'transient_VOTES_4391',
          columns: [
            { name: 'POLL_ID', type: 'STRING', key: true },
            { name: 'VOTES', type: 'BIGINT', key: false },
          ],
        },
      },
      { row: ['p1', 3], tombstone: false },
      { row: ['p2', null], tombstone: true },
      { final: 'Limit Reached' },
    ]);
  });

  it('reads a pull answer with no rows and an error closed by ",\\n]"', () => {
    expect(
      summary(feed(createV1Decoder(), '[{"header":{"queryId":"q","schema":"`A` STRING KEY"}}]', 4)),
    ).toHaveLength(1);
    const failed =
      '[{"header":{"queryId":"q","schema":"`A` STRING"}},\n' +
      '{"errorMessage":{"@type":"generic_error","error_code":50000,"message":"query failed"}},\n]';
    expect(summary(feed(createV1Decoder(), failed, 9)).at(-1)).toEqual({
      error: 50000,
      message: 'query failed',
    });
  });

  it('strips a leading [ and a trailing , or ] from each line', () => {
    expect(stripFraming('[{"header":{}},')).toBe('{"header":{}}');
    expect(stripFraming('{"row":{"columns":[1]}}]')).toBe('{"row":{"columns":[1]}}');
    expect(stripFraming(']')).toBe('');
  });
});

describe('live push queries', () => {
  it('hands over each row as soon as it is complete, before the next separator', () => {
    const v1Decoder = createV1Decoder();
    expect(v1Decoder.push('[{"header":{"queryId":"q","schema":"`A` BIGINT"}}')).toHaveLength(1);
    expect(v1Decoder.push(',\n{"row":{"columns":[1]}}')).toMatchObject([
      { kind: 'row', raw: [expect.anything()] },
    ]);
    expect(v1Decoder.push(',\n{"row":{"col')).toEqual([]);
    expect(v1Decoder.push('umns":[2]}}')).toHaveLength(1);
    const jsonDecoder = createJsonArrayDecoder();
    expect(
      jsonDecoder.push('[{"queryId":"q","columnNames":["A"],"columnTypes":["BIGINT"]},[1]'),
    ).toHaveLength(2);
    expect(jsonDecoder.push(',[2]')).toHaveLength(1);
    expect(
      createDelimitedDecoder().push('{"columnNames":["A"],"columnTypes":["BIGINT"]}\n[1]\n'),
    ).toHaveLength(2);
  });
});

describe('application/json framing', () => {
  it.each([1, 2, 1000])('cuts the array at top-level commas only (chunks of %i)', (size) => {
    expect(summary(feed(createJsonArrayDecoder(), json, size))).toEqual([
      {
        header: {
          queryId: 'q1',
          columns: [
            { name: 'S', type: 'STRING', key: false },
            { name: 'N', type: 'BIGINT', key: false },
          ],
        },
      },
      { row: ['a,]"[', 1], tombstone: false },
      { row: ['b', 18014398509481985n], tombstone: false },
    ]);
  });
});
