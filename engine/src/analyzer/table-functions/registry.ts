/**
 * The table function (UDTF) registry: EXPLODE, CUBE_EXPLODE and user-registered ones. A table
 * function is declared as a scalar function is (variants, parameter types, result type — here the
 * type of one emitted element), its implementation returning the list of values to emit; calls
 * resolve by the scalar rules (`resolveSpec`), so errors read as ksqlDB's.
 */
import {
  type ArgInfo,
  type ResolvedScalar,
  resolveSpec,
  type ScalarFunctionSpec,
} from '../functions/index.js';

const entries = new Map<string, { spec: ScalarFunctionSpec; builtIn: boolean }>();

/** Adds built-in table functions (at module load). */
export function addBuiltInTableFunctions(specs: readonly ScalarFunctionSpec[]): void {
  for (const spec of specs) entries.set(spec.name.toUpperCase(), { spec, builtIn: true });
}

/**
 * Adds a user-defined table function for every engine of this process (as ksqlDB loads UDTFs at
 * start-up). Each variant's `impl` returns the list of values to emit for one input row (null or
 * an empty list: none); `returns` is the type of one value.
 */
export function registerTableFunction(spec: ScalarFunctionSpec): void {
  const key = spec.name.toUpperCase();
  if (entries.has(key)) throw new Error(`a function named ${key} already exists`);
  entries.set(key, { spec, builtIn: false });
}

/** The table function named `name` (any case), if it is one. */
export function tableFunction(name: string): ScalarFunctionSpec | undefined {
  return entries.get(name.toUpperCase())?.spec;
}

/** Every table function, for SHOW FUNCTIONS and DESCRIBE FUNCTION. */
export function tableFunctions(): readonly ScalarFunctionSpec[] {
  return [...entries.values()].map((e) => e.spec);
}

export function isBuiltInTableFunction(name: string): boolean {
  return entries.get(name.toUpperCase())?.builtIn === true;
}

/** Resolves a call; `returnType` is the type of each emitted value, `bind()` gives the lists. */
export function resolveTableFunction(name: string, args: readonly ArgInfo[]): ResolvedScalar {
  const spec = tableFunction(name);
  if (spec === undefined) throw new Error(`${name} is not a table function`);
  return resolveSpec(spec, args);
}
