/**
 * The table functions of ksqlDB's functional-test jar (TEST_UDTF, THROWING_UDTF), registered
 * through the engine's public UDTF API. Behaviour inferred from `table-functions.json`.
 */

import { Decimal, isStruct } from '../../src/analyzer/values.js';
import { registerTableFunction } from '../../src/index.js';

/** A value as Java's `toString` prints it (doubles keep `.0`, structs `Struct{A=bar}`). */
function javaString(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isNaN(v)) return String(v);
  if (v instanceof Decimal) return v.toString();
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${javaString(k)}=${javaString(x)}`).join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (isStruct(v))
    return `Struct{${Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => `${k}=${javaString(x)}`)
      .join(',')}}`;
  return String(v);
}

const SCALARS = ['INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'STRING', 'DECIMAL', 'STRUCT'];

/** Registers the test UDTFs (once per process; called by `registerTestUdfs`). */
export function registerTestUdtfs(): void {
  registerTableFunction({
    name: 'test_udtf',
    category: 'TABLE',
    description: 'Emits its argument, or the text of each of its seven arguments (or their elements).',
    variants: [
      { params: ['T val'], returns: 'T', impl: ([v]) => [v] },
      // ksqlDB's test UDTF declares its DECIMAL result as DECIMAL(30, 10).
      {
        params: ['DECIMAL val'],
        returns: () => ({ kind: 'DECIMAL', precision: 30, scale: 10 }),
        impl: ([v]) => [v],
      },
      {
        params: SCALARS.map((t, i) => `${t} a${i}`),
        returns: 'STRING',
        impl: (args) => args.map((a) => (a === null ? null : javaString(a))),
        nullTolerant: true,
      },
      {
        params: SCALARS.map((t, i) => `ARRAY<${t === 'STRUCT' ? 'T' : t}> a${i}`),
        returns: 'STRING',
        impl: (args) => args.flatMap((a) => ((a as unknown[] | null) ?? []).map(javaString)),
        nullTolerant: true,
      },
      {
        params: SCALARS.map((t, i) => `MAP<STRING, ${t === 'STRUCT' ? 'T' : t}> a${i}`),
        returns: 'STRING',
        impl: (args) =>
          args.flatMap((a) => [...((a as Map<string, unknown> | null)?.values() ?? [])].map(javaString)),
        nullTolerant: true,
      },
    ],
  });
  registerTableFunction({
    name: 'throwing_udtf',
    category: 'TABLE',
    description: 'Throws when its argument is true; otherwise emits it.',
    variants: [
      {
        params: ['BOOLEAN shouldThrow'],
        returns: 'BOOLEAN',
        impl: ([v]) => {
          if (v === true) throw new Error('You asked me to throw...');
          return [v];
        },
      },
    ],
  });
}
