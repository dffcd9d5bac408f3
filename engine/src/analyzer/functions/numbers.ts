/** Small numeric helpers shared by function families: SQL numbers as JS numbers. */
import { Decimal } from '../values.js';

/** A numeric SQL value (INT, BIGINT, DOUBLE or DECIMAL) as a JS number. */
export const num = (v: unknown): number =>
  typeof v === 'bigint' ? Number(v) : v instanceof Decimal ? v.toNumber() : (v as number);
