/**
 * The functions ksqlDB's functional-test jar puts on the classpath of its QTT runner, which some
 * cases call. They are the runner's, not the engine's: registered here, never shipped.
 */
import { registerScalarFunction } from '../../src/analyzer/index.js';
import { T } from '../../src/analyzer/types.js';

let registered = false;

/** Registers the test functions once per process (every engine of the process sees them). */
export function registerTestUdfs(): void {
  if (registered) return;
  registered = true;
  // BAD_UDF: on a STRING, null on every other call of a use (first call included); on anything
  // else, always throws. Its errors and nulls test how a GROUP BY drops rows it cannot key.
  registerScalarFunction('BAD_UDF', {
    returnType: (args) => (args[0]?.kind === 'STRING' ? T.STRING : T.INTEGER),
    impl: () => {
      throw new Error('boom!');
    },
    instance: () => {
      let calls = 0;
      return ([arg], [type]) => {
        if (type?.kind !== 'STRING') throw new Error('boom!');
        return calls++ % 2 === 0 ? null : arg;
      };
    },
  });
}
