/** How the date and time functions report a failure: ksqlDB's message, the cause's after a colon. */

/**
 * Runs `f`; a failure becomes `${what()}: ${cause}` (a processing-log entry and a null result).
 * `what` is only built on failure: describing the value can cost more than the call.
 */
export function failing<R>(what: () => string, f: () => R): R {
  try {
    return f();
  } catch (e) {
    throw new Error(`${what()}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
