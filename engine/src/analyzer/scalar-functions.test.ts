import { describe, expect, it } from 'vitest';
import { compileExpr } from '../runtime/eval/compile.js';
import type { Expr } from '../syntax/index.js';
import { mapScope } from './expr-type.js';
import { resolveScalar } from './functions/index.js';
import { registerScalarFunction } from './scalar-functions.js';
import { T } from './types.js';

describe('user-defined scalar functions', () => {
  it('gives every use of a stateful function its own state, as ksqlDB instantiates a UDF per use', () => {
    registerScalarFunction('test_counter', {
      returnType: () => T.INTEGER,
      impl: () => {
        throw new Error('used without instance');
      },
      instance: () => {
        let calls = 0;
        return () => ++calls;
      },
    });
    const call: Expr = { kind: 'call', name: 'TEST_COUNTER', args: [] };
    const first = compileExpr(call, mapScope(new Map()));
    const second = compileExpr(call, mapScope(new Map()));
    expect([first({}), first({}), second({})]).toEqual([1, 2, 1]);
  });

  it('refuses to replace a built-in function, and finds no function in Object.prototype', () => {
    expect(() => registerScalarFunction('ucase', { returnType: () => T.STRING, impl: () => '' })).toThrow(
      /UCASE already exists/,
    );
    expect(() => resolveScalar('CONSTRUCTOR', [])).toThrow(
      "Can't find any functions with the name 'CONSTRUCTOR'",
    );
  });
});
