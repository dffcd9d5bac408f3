/**
 * Where ksqlDB's query-validation tests are: `KSQL_QTT_DIR` (a copy of the `ksql-qtt` folder, with
 * `query-validation-tests/` and `rest-query-validation-tests/`), else `../shared/ksql-qtt` beside
 * the repository. The data is ksqlDB's (Confluent Community License) and is not part of this
 * repository, so a plain clone has none: the conformance tests then say so and are skipped.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function qttRoot(): string {
  return resolve(process.env['KSQL_QTT_DIR'] ?? join(import.meta.dirname, '../../../../shared/ksql-qtt'));
}

export const qttDir = (): string => join(qttRoot(), 'query-validation-tests');
export const restQttDir = (): string => join(qttRoot(), 'rest-query-validation-tests');

export function qttAvailable(): boolean {
  return existsSync(qttDir()) && existsSync(restQttDir());
}

/** The one line printed when the data is missing. */
export function qttMissingMessage(): string {
  return `ksqlDB conformance data not found at ${qttRoot()}: conformance tests skipped (set KSQL_QTT_DIR to a copy of ksql-qtt, or run npm run conformance -- --qtt-dir DIR)`;
}
