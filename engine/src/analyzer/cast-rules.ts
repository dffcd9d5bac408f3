/**
 * Which CASTs ksqlDB accepts: anything to STRING; between primitive types (numbers, STRING,
 * BOOLEAN, dates and times — whether a value converts is decided per row); ARRAY to ARRAY, MAP to
 * MAP and STRUCT to STRUCT when their element / key and value / common field types cast. A
 * primitive never casts to a structured type, nor one structured kind to another
 * ("Cast of STRING to ARRAY<INTEGER> is not supported").
 */
import type { SqlType } from './types.js';

const isStructured = (t: SqlType) => t.kind === 'ARRAY' || t.kind === 'MAP' || t.kind === 'STRUCT';

/** Whether `CAST(x AS to)` is valid for `x` of type `from`. */
export function castSupported(from: SqlType, to: SqlType): boolean {
  if (to.kind === 'STRING') return true;
  if (!isStructured(from) && !isStructured(to)) return true;
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') return castSupported(from.item, to.item);
  if (from.kind === 'MAP' && to.kind === 'MAP')
    return castSupported(from.key, to.key) && castSupported(from.value, to.value);
  if (from.kind === 'STRUCT' && to.kind === 'STRUCT')
    return from.fields.every((f) => {
      const t = to.fields.find((x) => x.name === f.name);
      return t === undefined || castSupported(f.type, t.type);
    });
  return false;
}
