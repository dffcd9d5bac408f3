/**
 * The functions ksqlDB's functional-test jar puts on the classpath of its QTT runner, which some
 * cases call. They are the runner's, not the engine's: registered here through the engine's public
 * function API, never shipped. Their behaviour is inferred from the QTT cases that call them.
 */
import { registerScalarFunction } from '../../src/analyzer/index.js';
import { T } from '../../src/analyzer/types.js';
import { registerFunction } from '../../src/index.js';
import { registerTestUdafs } from './test-udafs.js';
import { registerTestUdtfs } from './test-udtfs.js';

let registered = false;

/** Throws when a function that must not run (a CASE branch not taken) runs. */
function mustRun(shouldRun: unknown, what: string): void {
  if (shouldRun !== true) throw new Error(`${what} should not have been evaluated`);
}

/** Registers the test functions once per process (every engine of the process sees them). */
export function registerTestUdfs(): void {
  if (registered) return;
  registered = true;
  registerTestUdafs();
  registerTestUdtfs();
  // BAD_UDF: on a STRING, null on every other call of a use (first call included); on a BOOLEAN,
  // throws when true and gives 0 otherwise; on anything else, always throws. Its errors and nulls
  // test how a GROUP BY drops rows it cannot key, and how a failing UDTF argument drops a row.
  registerScalarFunction('BAD_UDF', {
    returnType: (args) => (args[0]?.kind === 'STRING' ? T.STRING : T.INTEGER),
    impl: () => {
      throw new Error('boom!');
    },
    instance: () => {
      let calls = 0;
      return ([arg], [type]) => {
        if (type?.kind === 'BOOLEAN' && arg === false) return 0;
        if (type?.kind !== 'STRING') throw new Error('boom!');
        return calls++ % 2 === 0 ? null : arg;
      };
    },
  });
  // TEST_UDF: names the overload resolution picked (null arguments included).
  registerFunction({
    name: 'test_udf',
    category: 'OTHER',
    description: 'Overload-resolution test function.',
    variants: [
      {
        params: ['BIGINT a', 'STRING b'],
        returns: 'STRING',
        impl: () => 'doStuffLongString',
        nullTolerant: true,
      },
      {
        params: ['BIGINT a', 'BIGINT b', 'STRING c'],
        returns: 'STRING',
        impl: () => 'doStuffLongLongString',
        nullTolerant: true,
      },
      { params: ['...BIGINT args'], returns: 'STRING', impl: () => 'doStuffLongVarargs', nullTolerant: true },
      {
        params: ['STRUCT s'],
        returns: 'STRING',
        impl: ([s]) => ((s as Record<string, unknown> | null)?.A as string | undefined) ?? null,
        nullTolerant: true,
      },
    ],
  });
  // WHENCONDITION / WHENRESULT: return their first argument, and throw if evaluated when their
  // second says they should not be (CASE evaluates lazily).
  registerFunction({
    name: 'whencondition',
    category: 'OTHER',
    description: 'Lazy CASE evaluation test function (condition).',
    variants: [
      {
        params: ['BOOLEAN ret', 'BOOLEAN shouldBeEvaluated'],
        returns: 'BOOLEAN',
        impl: ([ret, should]) => {
          mustRun(should, 'WHENCONDITION');
          return ret;
        },
      },
    ],
  });
  registerFunction({
    name: 'whenresult',
    category: 'OTHER',
    description: 'Lazy CASE evaluation test function (result).',
    variants: [
      {
        params: ['INT ret', 'BOOLEAN shouldBeEvaluated'],
        returns: 'INT',
        impl: ([ret, should]) => {
          mustRun(should, 'WHENRESULT');
          return ret;
        },
      },
    ],
  });
}
