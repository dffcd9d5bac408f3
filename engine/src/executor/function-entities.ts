/**
 * SHOW FUNCTIONS and DESCRIBE FUNCTION, with ksqlDB's entity shapes: `function_names` lists every
 * scalar, aggregate and table function as `{name, type, category}` (names upper case, sorted);
 * `describe_function` gives one function's variants (`arguments` with name, type, description and
 * isVariadic, `returnType`, `description`, and the deprecated `argumentTypes`) with its author,
 * version, path ("internal" for built-ins) and type.
 */

import { parseParamType, printParamType } from '../analyzer/functions/param-types.js';
import {
  type AggregateFunctionSpec,
  aggregateFunction,
  aggregateFunctions,
  describeVariant,
  isBuiltIn,
  isBuiltInAggregate,
  isBuiltInTableFunction,
  KsqlTypeError,
  type ScalarFunctionSpec,
  scalarFunctions,
  tableFunction,
  tableFunctions,
  type VariantSpec,
} from '../analyzer/index.js';
import type { KsqlEntity } from './engine.js';
import { entity } from './entities.js';

type FunctionType = 'SCALAR' | 'AGGREGATE' | 'TABLE';

/** The `function_names` entity of SHOW FUNCTIONS. */
export function functionNames(text: string): KsqlEntity {
  const list = [
    ...scalarFunctions().map((f) => ({ name: f.name.toUpperCase(), type: 'SCALAR', category: f.category })),
    ...aggregateFunctions().map((f) => ({
      name: f.name.toUpperCase(),
      type: 'AGGREGATE',
      category: 'AGGREGATE',
    })),
    ...tableFunctions().map((f) => ({ name: f.name.toUpperCase(), type: 'TABLE', category: 'TABLE' })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entity('function_names', text, { functions: list });
}

/** A result type as DESCRIBE FUNCTION prints it (computed ones: as the first parameter's). */
function printReturn(returns: VariantSpec['returns'], params: readonly string[]): string {
  if (typeof returns === 'string') return printParamType(parseParamType(returns));
  const first =
    params[0] === undefined ? undefined : describeVariant({ params: [params[0]], returns, impl: () => null });
  return first?.[0]?.type ?? 'ANY';
}

function describeVariants(
  variants: readonly { params: string[]; returns: VariantSpec['returns']; description?: string }[],
  fallback: string,
) {
  return variants.map((v) => {
    const args = describeVariant({ params: v.params, returns: v.returns, impl: () => null }).map((a) => ({
      name: a.name,
      type: a.type,
      description: '',
      isVariadic: a.isVariadic,
    }));
    return {
      arguments: args,
      returnType: printReturn(v.returns, v.params),
      description: v.description ?? fallback,
      argumentTypes: args.map((a) => a.type),
    };
  });
}

function description(
  text: string,
  name: string,
  type: FunctionType,
  builtIn: boolean,
  desc: string,
  functions: unknown[],
  author = '',
  version = '',
): KsqlEntity {
  return entity('describe_function', text, {
    name: name.toUpperCase(),
    description: desc,
    author: builtIn ? 'Confluent' : author,
    version: builtIn ? '' : version,
    path: builtIn ? 'internal' : 'user',
    functions,
    type,
  });
}

/** The `describe_function` entity of DESCRIBE FUNCTION, or ksqlDB's error for an unknown name. */
export function describeFunction(text: string, name: string): KsqlEntity {
  const agg: AggregateFunctionSpec | undefined = aggregateFunction(name);
  if (agg !== undefined) {
    const variants = agg.variants.map((v) => ({
      params: [...v.params, ...(v.literals ?? [])],
      returns: v.returns,
      ...(v.description === undefined ? {} : { description: v.description }),
    }));
    const fns = describeVariants(variants, agg.description);
    return description(
      text,
      agg.name,
      'AGGREGATE',
      isBuiltInAggregate(name),
      agg.description,
      fns,
      agg.author,
      agg.version,
    );
  }
  const table = tableFunction(name);
  if (table !== undefined) return describeSpec(text, table, 'TABLE', isBuiltInTableFunction(name));
  const scalar = scalarFunctions().find((f) => f.name.toUpperCase() === name.toUpperCase());
  if (scalar !== undefined) return describeSpec(text, scalar, 'SCALAR', isBuiltIn(name));
  throw new KsqlTypeError(`Can't find any functions with the name '${name}'`);
}

function describeSpec(
  text: string,
  spec: ScalarFunctionSpec,
  type: FunctionType,
  builtIn: boolean,
): KsqlEntity {
  return description(
    text,
    spec.name,
    type,
    builtIn,
    spec.description,
    describeVariants(spec.variants, spec.description),
  );
}
