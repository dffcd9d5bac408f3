/**
 * The lambda functions TRANSFORM, FILTER and REDUCE as ksqlDB types them: over an ARRAY a lambda
 * takes the element (REDUCE: the state, then the element); over a MAP it takes the key and the
 * value (REDUCE: the state, key, value) and TRANSFORM takes two lambdas, one for the new key and
 * one for the new value. A lambda with the wrong number of parameters is refused with ksqlDB's
 * "Was expecting N arguments" message, a call of the wrong shape with "does not accept
 * parameters". Typing is here once; `expr-type.ts` reports the result type and
 * `runtime/eval/compile.ts` evaluates the call from the same resolution.
 */
import { type Expr, printType } from '../../syntax/index.js';
import { KsqlTypeError } from '../type-error.js';
import { NULL_TYPE, type SqlType, typeEquals } from '../types.js';
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { describeVariant } from './registry.js';

type CallExpr = Extract<Expr, { kind: 'call' }>;
type LambdaExpr = Extract<Expr, { kind: 'lambda' }>;

/** The pieces of typing a lambda call needs from `expr-type.ts` (passed in: no import cycle). */
export interface LambdaTyping<S> {
  typeOf(e: Expr, scope: S): SqlType;
  withParams(scope: S, params: Map<string, SqlType>): S;
}

/** One lambda argument with its parameters typed. */
export interface TypedLambda<S> {
  params: readonly string[];
  body: Expr;
  /** The scope the body is typed and compiled in (parameters shadow columns). */
  scope: S;
  bodyType: SqlType;
}

/** The functions that take lambdas. */
export type LambdaFunction = 'TRANSFORM' | 'FILTER' | 'REDUCE';

/** A typed lambda call: which function, over which collection, its lambdas and result type. */
export interface LambdaCall<S> {
  fn: LambdaFunction;
  over: 'ARRAY' | 'MAP';
  /** REDUCE's initial state. */
  initial?: Expr;
  lambdas: TypedLambda<S>[];
  returnType: SqlType;
}

const never = (): never => {
  throw new Error('a lambda function is evaluated by compileLambdaCall, not through the registry');
};

/**
 * TRANSFORM, FILTER and REDUCE as registry entries — for SHOW / DESCRIBE FUNCTION and so that a
 * call without its lambda is refused with the alternatives — typed and run by `resolveLambdaCall`.
 */
export const lambdaFunctions: ScalarFunctionSpec[] = [
  scalar(
    'transform',
    'LAMBDA',
    'Applies a function to each element (of a map: to each key and each value).',
    [
      { params: ['ARRAY<T> array', 'LAMBDA function'], returns: 'ARRAY<R>', impl: never },
      {
        params: ['MAP<K, V> map', 'LAMBDA keyFunction', 'LAMBDA valueFunction'],
        returns: 'MAP<R, U>',
        impl: never,
      },
    ],
  ),
  scalar('filter', 'LAMBDA', 'Keeps the elements (of a map: the entries) for which the function is true.', [
    { params: ['ARRAY<T> array', 'LAMBDA function'], returns: 'ARRAY<T>', impl: never },
    { params: ['MAP<K, V> map', 'LAMBDA function'], returns: 'MAP<K, V>', impl: never },
  ]),
  scalar(
    'reduce',
    'LAMBDA',
    'Folds the elements (of a map: the entries) into a state, from an initial state.',
    [
      { params: ['ARRAY<T> array', 'S initialState', 'LAMBDA function'], returns: 'S', impl: never },
      { params: ['MAP<K, V> map', 'S initialState', 'LAMBDA function'], returns: 'S', impl: never },
    ],
  ),
];

/** The alternatives a refused call lists, as the registry prints them. */
function alternatives(fn: LambdaFunction): string {
  const spec = lambdaFunctions.find((f) => f.name.toUpperCase() === fn)!;
  return spec.variants
    .map(
      (v) =>
        `${spec.name}(${describeVariant(v)
          .map((p) => `${p.type} ${p.name}`)
          .join(', ')})`,
    )
    .join('\n');
}

function refuse(fn: LambdaFunction, printed: string[]): never {
  throw new KsqlTypeError(
    `Function '${fn.toLowerCase()}' does not accept parameters (${printed.join(', ')}).\nValid alternatives are:\n${alternatives(fn)}`,
  );
}

const isLambda = (e: Expr | undefined): e is LambdaExpr => e?.kind === 'lambda';

/** Whether the call has a lambda argument (and so is typed here, not by the scalar registry). */
export function hasLambdaArg(e: CallExpr): boolean {
  return e.args.some(isLambda);
}

/**
 * Types a call with lambda arguments, or returns undefined for a call without one. Throws
 * ksqlDB's errors for an unknown lambda function, a wrong shape or a wrong parameter count.
 */
export function resolveLambdaCall<S>(
  e: CallExpr,
  scope: S,
  typing: LambdaTyping<S>,
): LambdaCall<S> | undefined {
  if (!hasLambdaArg(e)) return undefined;
  const fn = e.name.toUpperCase();
  if (fn !== 'TRANSFORM' && fn !== 'FILTER' && fn !== 'REDUCE')
    throw new KsqlTypeError(`Function '${e.name}' does not accept a lambda`);
  const argTypes = e.args.map((a) => (isLambda(a) ? undefined : typing.typeOf(a, scope)));
  const printed = e.args.map((a, i) =>
    isLambda(a) ? 'LAMBDA' : argTypes[i] === NULL_TYPE ? 'null' : printType(argTypes[i]!),
  );
  const collection = argTypes[0];
  const over = collection?.kind === 'ARRAY' || collection?.kind === 'MAP' ? collection.kind : undefined;
  if (collection === undefined || over === undefined || collection === NULL_TYPE) return refuse(fn, printed);
  const elementTypes: SqlType[] =
    collection.kind === 'ARRAY'
      ? [collection.item]
      : collection.kind === 'MAP'
        ? [collection.key, collection.value]
        : [];

  const lambdaAt = (i: number, inputs: SqlType[]): TypedLambda<S> => {
    const l = e.args[i];
    if (!isLambda(l)) return refuse(fn, printed);
    if (l.params.length !== inputs.length)
      throw new KsqlTypeError(
        `Was expecting ${inputs.length} arguments but found ${l.params.length}, [${l.params.join(', ')}]. Check your lambda statement.`,
      );
    const bodyScope = typing.withParams(scope, new Map(l.params.map((p, j) => [p, inputs[j]!])));
    return { params: l.params, body: l.body, scope: bodyScope, bodyType: typing.typeOf(l.body, bodyScope) };
  };
  const shape = (count: number) => {
    if (e.args.length !== count) refuse(fn, printed);
  };

  switch (fn) {
    case 'TRANSFORM': {
      if (over === 'ARRAY') {
        shape(2);
        const l = lambdaAt(1, elementTypes);
        return { fn, over, lambdas: [l], returnType: { kind: 'ARRAY', item: l.bodyType } };
      }
      shape(3);
      const k = lambdaAt(1, elementTypes);
      const v = lambdaAt(2, elementTypes);
      return { fn, over, lambdas: [k, v], returnType: { kind: 'MAP', key: k.bodyType, value: v.bodyType } };
    }
    case 'FILTER': {
      shape(2);
      const l = lambdaAt(1, elementTypes);
      if (l.bodyType !== NULL_TYPE && l.bodyType.kind !== 'BOOLEAN') refuse(fn, printed);
      return { fn, over, lambdas: [l], returnType: collection };
    }
    case 'REDUCE': {
      shape(3);
      if (isLambda(e.args[1])) refuse(fn, printed);
      const state = argTypes[1]!;
      const l = lambdaAt(2, [state, ...elementTypes]);
      // S is bound by the initial state; the lambda must give back an S.
      if (state !== NULL_TYPE && l.bodyType !== NULL_TYPE && !typeEquals(state, l.bodyType))
        refuse(fn, [...printed.slice(0, 2), `LAMBDA => ${printType(l.bodyType)}`]);
      return {
        fn,
        over,
        initial: e.args[1]!,
        lambdas: [l],
        returnType: state === NULL_TYPE ? l.bodyType : state,
      };
    }
  }
}
