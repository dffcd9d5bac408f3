import { describe, expect, it } from 'vitest';
import { describeFunction, functionNames } from './function-entities.js';

describe('SHOW FUNCTIONS', () => {
  it('lists scalar, aggregate and table functions, upper case and sorted', () => {
    const e = functionNames('SHOW FUNCTIONS;') as unknown as Record<string, unknown> & {
      functions: { name: string; type: string; category: string }[];
    };
    expect(e['@type']).toBe('function_names');
    const byName = new Map(e.functions.map((f) => [f.name, f]));
    expect(byName.get('SUM')).toEqual({ name: 'SUM', type: 'AGGREGATE', category: 'AGGREGATE' });
    expect(byName.get('EXPLODE')).toEqual({ name: 'EXPLODE', type: 'TABLE', category: 'TABLE' });
    expect(byName.get('COALESCE')?.type).toBe('SCALAR');
    const names = e.functions.map((f) => f.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('DESCRIBE FUNCTION', () => {
  it('describes an aggregate with its literal parameters', () => {
    const e = describeFunction('DESCRIBE FUNCTION topk;', 'topk') as unknown as Record<string, unknown> & {
      functions: {
        arguments: { name: string; type: string; isVariadic: boolean }[];
        argumentTypes: string[];
      }[];
    };
    expect(e).toMatchObject({
      '@type': 'describe_function',
      name: 'TOPK',
      type: 'AGGREGATE',
      path: 'internal',
    });
    expect(e.functions[0]!.argumentTypes).toEqual(['INT', 'INT']);
    expect(e.functions[0]!.arguments.map((a) => a.name)).toEqual(['val', 'k']);
  });
  it('describes a table function', () => {
    const e = describeFunction('DESCRIBE FUNCTION explode;', 'EXPLODE') as unknown as Record<
      string,
      unknown
    > & {
      functions: { returnType: string; argumentTypes: string[] }[];
    };
    expect(e).toMatchObject({ name: 'EXPLODE', type: 'TABLE', author: 'Confluent' });
    expect(e.functions.map((f) => f.argumentTypes[0])).toEqual(['ARRAY<DECIMAL>', 'ARRAY<T>']);
    expect(e.functions[1]!.returnType).toBe('T');
  });
  it('refuses an unknown name as ksqlDB does', () => {
    expect(() => describeFunction('DESCRIBE FUNCTION nope;', 'NOPE')).toThrow(
      "Can't find any functions with the name 'NOPE'",
    );
  });
});
