import { describe, expect, it } from 'vitest';
import { v1Framing } from './framing.js';

const columns = [
  { name: 'ID', type: 'STRING', key: true },
  { name: 'N', type: 'BIGINT', key: false },
];

describe('v1 framing', () => {
  it('writes each push element with its separator at once, so a line reader sees it immediately', () => {
    const f = v1Framing();
    const header = f.header({ queryId: 'transient_X_1', kind: 'push', columns });
    expect(header).toBe('[{"header":{"queryId":"transient_X_1","schema":"`ID` STRING KEY, `N` BIGINT"}},\n');
    expect(f.row({ json: '["a",1]' })).toBe('{"row":{"columns":["a",1]}},\n');
    expect(f.row({ json: '["a",null]', tombstone: true })).toBe(
      '{"row":{"columns":["a",null],"tombstone":true}},\n',
    );
    expect(f.end('limit')).toBe('{"finalMessage":"Limit Reached"}]');
  });

  it('ends a pull query exactly as ksqlDB does: the last row closes the array', () => {
    const f = v1Framing();
    const text = [
      f.header({ queryId: 'q', kind: 'pull', columns }),
      f.row({ json: '["a",1]' }),
      f.row({ json: '["b",2]' }),
      f.end('closed'),
    ].join('');
    expect(text).toBe(
      '[{"header":{"queryId":"q","schema":"`ID` STRING KEY, `N` BIGINT"}},\n{"row":{"columns":["a",1]}},\n{"row":{"columns":["b",2]}}]',
    );
    expect(JSON.parse(text)).toHaveLength(3);
  });

  it('closes an empty pull answer right after the header, and a stream scan with its final message', () => {
    const empty = v1Framing();
    expect(empty.header({ queryId: 'q', kind: 'pull', columns }) + empty.end('closed')).toBe(
      '[{"header":{"queryId":"q","schema":"`ID` STRING KEY, `N` BIGINT"}}]',
    );
    const scan = v1Framing();
    const text =
      scan.header({ queryId: 'q', kind: 'pull', columns }) +
      scan.row({ json: '["a",1]' }) +
      scan.end('completed');
    expect(JSON.parse(text).at(-1)).toEqual({ finalMessage: 'Query Completed' });
  });
});
