/**
 * Rounding a `Decimal` at a number of decimal places (negative: left of the point) with
 * `java.math.RoundingMode`'s modes — what ROUND, TRUNC, FLOOR and CEIL do to DECIMAL values (and to
 * DOUBLEs, which ksqlDB rounds through `BigDecimal.valueOf`). Exact: no detour through doubles.
 */
import { Decimal } from '../../values.js';

export type RoundingMode = 'DOWN' | 'FLOOR' | 'CEILING' | 'HALF_UP' | 'HALF_DOWN';

/**
 * `d` rounded to `places` decimal places with `mode`, as a Decimal of scale `max(places, 0)`
 * (BigDecimal.setScale; a negative scale is written out as trailing zeros).
 */
export function roundDecimal(d: Decimal, places: number, mode: RoundingMode): Decimal {
  if (places >= d.scale) return d.withScale(places);
  const div = 10n ** BigInt(d.scale - places);
  let q = d.unscaled / div;
  const r = d.unscaled % div;
  if (r !== 0n) {
    const away = r < 0n ? -1n : 1n;
    const twice = (r < 0n ? -r : r) * 2n;
    if (
      (mode === 'FLOOR' && r < 0n) ||
      (mode === 'CEILING' && r > 0n) ||
      (mode === 'HALF_UP' && twice >= div) ||
      (mode === 'HALF_DOWN' && twice > div)
    )
      q += away;
  }
  return places >= 0 ? new Decimal(q, places) : new Decimal(q * 10n ** BigInt(-places), 0);
}

/**
 * ksqlDB's ROUND: half up for positive values and half down otherwise, so ties go towards
 * positive infinity as `Math.round` does (ROUND(-1.5) = -1).
 */
export const roundHalfCeiling = (d: Decimal, places: number): Decimal =>
  roundDecimal(d, places, d.unscaled > 0n ? 'HALF_UP' : 'HALF_DOWN');

/**
 * A double as `BigDecimal.valueOf(d)`: its shortest decimal text. NaN and infinities have none and
 * throw, as Java's NumberFormatException does.
 */
export function decimalOfDouble(d: number): Decimal {
  if (!Number.isFinite(d)) throw new Error(`Infinite or NaN: ${d}`);
  return Decimal.parse(String(d));
}
