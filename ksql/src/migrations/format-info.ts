import type { MigrationInfoRow } from './commands.js';

/** Renders `info` like ksql-migrations: the current version, then one table row per local file. */
export function formatInfo(current: number | undefined, rows: MigrationInfoRow[]): string {
  const header = [
    'Version',
    'Name',
    'State',
    'Previous Version',
    'Started On',
    'Completed On',
    'Error Reason',
  ];
  const cells = rows.map((r) => [
    `V${String(r.version).padStart(6, '0')}`,
    r.name,
    r.state,
    r.previous,
    time(r.startedOn),
    time(r.completedOn),
    r.errorReason,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => ` ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} `.trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 3, 0));
  return [
    `Current migration version: ${current ?? '<none>'}`,
    rule,
    line(header),
    rule,
    ...cells.map(line),
    rule,
  ].join('\n');
}

function time(value: string): string {
  return /^\d+$/.test(value) ? new Date(Number(value)).toISOString() : value === '' ? '-' : value;
}
