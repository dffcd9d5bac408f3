/**
 * The aggregate functions of ksqlDB's functional-test jar (TEST_UDAF and the multi-argument /
 * variadic UDAFs), registered through the engine's public UDAF API. Behaviour inferred from the
 * QTT cases that call them (`test-custom-udaf`, `variadic-udaf`, `middle-variadic-udaf`,
 * `multi-arg-udaf`, `generic-variadic-udaf`, `obj-var-col-arg-udaf`).
 */

import type { SqlType } from '../../src/analyzer/types.js';
import { newStruct } from '../../src/analyzer/values.js';
import { type AggregateImpl, registerAggregateFunction, udaf } from '../../src/index.js';

const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
const num = (v: unknown) => (v === null ? 0n : BigInt(v as number | bigint));

/** A BIGINT running total that starts at `start` and adds `each(row)` per row. */
function total(start: bigint, each: (args: unknown[]) => bigint): AggregateImpl {
  return {
    init: () => start,
    add: (acc, args) => (acc as bigint) + each(args),
    result: (acc) => acc,
  };
}

/** The first column's values of the rows whose arguments are all non-null. */
function firstOfComplete(): AggregateImpl {
  return {
    init: () => [],
    add: (acc, args) => (args.some((a) => a === null) ? acc : [...(acc as unknown[]), args[0]]),
    result: (acc) => acc,
  };
}

/** Σ (first column) + Σ lengths of the string columns, plus the literals' own total. */
const sumAndLengths = (args: unknown[]) =>
  args.reduce<bigint>((s, a) => s + (typeof a === 'string' ? BigInt(len(a)) : num(a)), 0n);
const literalTotal = (literals: readonly unknown[]) => sumAndLengths([...literals]);

/** TEST_UDAF's sum of a struct's INT fields, field by field. */
function structSum(t: SqlType): AggregateImpl {
  const fields = t.kind === 'STRUCT' ? t.fields.map((f) => f.name) : [];
  const step = (acc: unknown, v: unknown, sign: number) => {
    if (v === null) return acc;
    const out = newStruct();
    for (const f of fields) {
      const a = ((acc as Record<string, unknown>)[f] as number | null) ?? 0;
      const b = ((v as Record<string, unknown>)[f] as number | null) ?? 0;
      out[f] = (a + sign * b) | 0;
    }
    return out;
  };
  return {
    init: () => {
      const s = newStruct();
      for (const f of fields) s[f] = 0;
      return s;
    },
    add: (acc, [v]) => step(acc, v, 1),
    undo: (acc, [v]) => step(acc, v, -1),
    result: (acc) => acc,
  };
}

/** A sum over INT or BIGINT (Java arithmetic), retractable. */
function plainSum(bigint: boolean): AggregateImpl {
  const plus = (a: unknown, b: unknown, sign: number): unknown =>
    bigint
      ? BigInt.asIntN(64, (a as bigint) + BigInt(sign) * (b as bigint))
      : ((a as number) + sign * (b as number)) | 0;
  return {
    init: () => (bigint ? 0n : 0),
    add: (acc, [v]) => (v === null ? acc : plus(acc, v, 1)),
    undo: (acc, [v]) => (v === null ? acc : plus(acc, v, -1)),
    result: (acc) => acc,
  };
}

const stream = { streamOnly: true };

/** Registers the test UDAFs (once per process; called by `registerTestUdfs`). */
export function registerTestUdafs(): void {
  registerAggregateFunction(
    udaf('TEST_UDAF', 'Sums INT, BIGINT or STRUCT<A INT, B INT> values.', [
      { params: ['INT val'], returns: 'INT', create: () => plainSum(false) },
      { params: ['BIGINT val'], returns: 'BIGINT', create: () => plainSum(true) },
      { params: ['STRUCT val'], returns: ([t]) => t!, create: ({ types }) => structSum(types[0]!) },
    ]),
  );
  registerAggregateFunction(
    udaf(
      'VAR_ARG',
      'Σ first + Σ lengths of the variadic strings.',
      [
        {
          params: ['BIGINT first', '...STRING rest'],
          returns: 'BIGINT',
          create: () => total(0n, sumAndLengths),
        },
      ],
      stream,
    ),
  );
  registerAggregateFunction(
    udaf(
      'MID_VAR_ARG',
      'VAR_ARG starting from the sum of two literal INTs.',
      [
        {
          params: ['BIGINT first', '...STRING rest'],
          literals: ['INT a', 'INT b'],
          returns: 'BIGINT',
          create: ({ literals }) => total(literalTotal(literals), sumAndLengths),
        },
      ],
      stream,
    ),
  );
  const multi = (name: string, columns: string[]) =>
    registerAggregateFunction(
      udaf(
        name,
        'Σ of the columns (strings by length), starting from the literals (an INT, then strings by length).',
        [
          {
            params: columns,
            literals: ['INT start', '...STRING words'],
            returns: 'BIGINT',
            create: ({ literals }) => total(literalTotal(literals), sumAndLengths),
          },
        ],
        stream,
      ),
    );
  multi('MULTI_ARG', ['BIGINT first', 'STRING second']);
  multi('FOUR_ARG', ['BIGINT first', 'STRING second', 'STRING third', 'STRING fourth']);
  multi('FIVE_ARG', ['BIGINT first', 'STRING second', 'STRING third', 'STRING fourth', 'INT fifth']);
  registerAggregateFunction(
    udaf(
      'GENERIC_VAR_ARG',
      'Collects the first column of the rows whose arguments are all non-null.',
      [{ params: ['T first', 'INT second', '...U rest'], returns: 'ARRAY<T>', create: firstOfComplete }],
      stream,
    ),
  );
  registerAggregateFunction(
    udaf(
      'OBJ_COL_ARG',
      'Collects the first column of the rows whose arguments are all non-null.',
      [
        {
          params: ['INT first', '...ANY rest'],
          returns: 'ARRAY<INT>',
          create: firstOfComplete,
        },
      ],
      stream,
    ),
  );
}
