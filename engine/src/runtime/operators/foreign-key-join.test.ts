import { describe, expect, it } from 'vitest';
import { valueKey } from '../eval/compare.js';
import { newRow } from '../eval/compile.js';
import { StateStore } from '../state-store.js';
import { createForeignKeyJoinCore, type LeftRow } from './foreign-key-join.js';
import type { SideRow } from './table-table-join.js';

/**
 * Change-log fixtures: `L key fk value ts` / `R key value ts` in (value `-` = delete), and the
 * changes out (`key left,right ts`, `key - ts` = tombstone, joined by ` | `, or `nothing`).
 */
function run(type: 'INNER' | 'LEFT', lines: string): string[] {
  const stores = {
    left: new StateStore<LeftRow>('L', 'l-changelog'),
    right: new StateStore<SideRow>('R', 'r-changelog'),
  };
  const core = createForeignKeyJoinCore(type, stores, Object.assign(newRow(), { R_V: null }));
  return lines
    .trim()
    .split('\n')
    .map((line) => {
      const f = line.trim().split(/\s+/);
      const changes =
        f[0] === 'L'
          ? core.left(
              valueKey([f[1]]),
              f[2],
              f[3] === '-' ? null : Object.assign(newRow(), { L_K: f[1], L_V: f[3] }),
              Object.assign(newRow(), { L_K: f[1] }),
              Number(f[4]),
            )
          : core.right(
              valueKey([f[1]]),
              f[2] === '-' ? null : Object.assign(newRow(), { R_V: f[2] }),
              Number(f[3]),
            );
      return (
        changes
          .map((c) =>
            c.tombstone
              ? `${c.row.L_K} - ${c.ts}`
              : `${c.row.L_K} ${c.row.L_V},${c.row.R_V ?? 'null'} ${c.ts}`,
          )
          .join(' | ') || 'nothing'
      );
    });
}

const script = `
  R x a 0
  L 1 x p 10
  L 2 y q 13
  R x b 15
  L 3 x r 16
  R x - 17
  L 1 x - 18
`;

describe('ForeignKeyJoin', () => {
  it('INNER: left rows whose foreign key has a right row; a right change updates all of them', () => {
    expect(run('INNER', script)).toEqual([
      'nothing',
      '1 p,a 10',
      'nothing',
      '1 p,b 15',
      '3 r,b 16',
      '1 - 17 | 3 - 17',
      '1 - 18',
    ]);
  });
  it('LEFT: every left row, with right nulls while its foreign key has no right row', () => {
    expect(run('LEFT', script)).toEqual([
      'nothing',
      '1 p,a 10',
      '2 q,null 13',
      '1 p,b 15',
      '3 r,b 16',
      '1 p,null 17 | 3 r,null 17',
      '1 - 18',
    ]);
  });
});
