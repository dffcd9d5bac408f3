import { describe, expect, it } from 'vitest';
import { newRow, type Row } from '../eval/compile.js';
import { StateStore } from '../state-store.js';
import { createTableTableJoinCore, type JoinType, type SideRow } from './table-table-join.js';

/**
 * Change-log fixtures: each line is `side key value ts` in (value `-` = delete), and the changes
 * the join emits for it out (`key joined-values ts`, `key - ts` = tombstone, nothing = no change).
 */
function run(type: JoinType, lines: string): string[] {
  const stores = {
    left: new StateStore<SideRow>('L', 'l-changelog'),
    right: new StateStore<SideRow>('R', 'r-changelog'),
  };
  const nulls = (col: string): Row => Object.assign(newRow(), { [col]: null });
  const core = createTableTableJoinCore(type, stores, { left: nulls('L_V'), right: nulls('R_V') }, 'K');
  const out: string[] = [];
  for (const line of lines.trim().split('\n')) {
    const [side, key, value, ts] = line.trim().split(/\s+/) as [string, string, string, string];
    const col = side === 'L' ? 'L_V' : 'R_V';
    const row = value === '-' ? null : Object.assign(newRow(), { [col]: value });
    const changes = core(side === 'L' ? 'left' : 'right', key, row, Number(ts));
    out.push(
      changes
        .map((c) =>
          c.tombstone ? `${key} - ${c.ts}` : `${key} ${c.row.L_V ?? 'null'},${c.row.R_V ?? 'null'} ${c.ts}`,
        )
        .join(' | ') || 'nothing',
    );
  }
  return out;
}

const script = `
  L 1 a 10
  R 1 x 20
  L 1 b 15
  R 1 - 30
  L 1 - 40
  R 2 y 50
  R 2 - 60
`;

describe('TableTableJoin', () => {
  it('INNER: a row while both sides have the key, a tombstone when either side deletes it', () => {
    expect(run('INNER', script)).toEqual([
      'nothing',
      '1 a,x 20',
      '1 b,x 20',
      '1 - 30',
      'nothing',
      'nothing',
      'nothing',
    ]);
  });
  it('LEFT: every left row, with right nulls when the right side lacks the key', () => {
    expect(run('LEFT', script)).toEqual([
      '1 a,null 10',
      '1 a,x 20',
      '1 b,x 20',
      '1 b,null 30',
      '1 - 40',
      'nothing',
      'nothing',
    ]);
  });
  it('RIGHT: the LEFT join with the sides swapped', () => {
    expect(run('RIGHT', script)).toEqual([
      'nothing',
      '1 a,x 20',
      '1 b,x 20',
      '1 - 30',
      'nothing',
      '2 null,y 50',
      '2 - 60',
    ]);
  });
  it('FULL: a row while either side has the key, a tombstone when neither has', () => {
    expect(run('FULL', script)).toEqual([
      '1 a,null 10',
      '1 a,x 20',
      '1 b,x 20',
      '1 b,null 30',
      '1 - 40',
      '2 null,y 50',
      '2 - 60',
    ]);
  });
});
