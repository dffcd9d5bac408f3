/** Whether a key format can carry the key columns, with ksqlDB's messages when it cannot. */
import { type Column, KsqlTypeError } from '../../analyzer/index.js';
import { printType } from '../../syntax/index.js';

const KAFKA_KEY_TYPES = ['STRING', 'INTEGER', 'BIGINT', 'DOUBLE', 'BYTES'];

/**
 * KAFKA keys: one column of a primitive type; DELIMITED keys: no STRUCT, ARRAY or MAP.
 * `prefix` adds the "Key format does not support schema" lines CREATE … AS SELECT reports.
 */
export function keyFormatCheck(keyFormat: string, keys: Column[], prefix: boolean): void {
  if (keyFormat === 'KAFKA' && keys.length > 1) {
    const cols = keys.map((k) => `\`${k.name}\` ${printType(k.type)} KEY`).join(', ');
    const reason = `The 'KAFKA' format only supports a single field. Got: [${cols}]`;
    throw new KsqlTypeError(
      prefix
        ? `Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[${cols}], features=[]}\nreason: ${reason}`
        : reason,
    );
  }
  if (keyFormat === 'KAFKA') {
    for (const k of keys) {
      if (!KAFKA_KEY_TYPES.includes(k.type.kind)) {
        const cols = keys.map((c) => `\`${c.name}\` ${printType(c.type)} KEY`).join(', ');
        throw new KsqlTypeError(
          `Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[${cols}], features=[]}\nreason: The 'KAFKA' format does not support type '${k.type.kind}'`,
        );
      }
    }
  }
  if (keyFormat === 'DELIMITED') {
    for (const k of keys) {
      if (['STRUCT', 'ARRAY', 'MAP'].includes(k.type.kind))
        throw new KsqlTypeError(
          `The 'DELIMITED' format does not support type '${k.type.kind}', column: \`${k.name}\``,
        );
    }
  }
}
